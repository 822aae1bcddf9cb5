/** Ways for the playground's start to give the main thread back, so that the reader's input is handled in between. */

/** Resolves in a later task: input that arrived meanwhile is handled first. */
export function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves after the browser has painted what the page holds now (or soon, in a tab that does not paint). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}
