/** The known id nearest to `id` by edit distance, when it is near enough to be a likely typo. */
export function closestId(id: string, knownIds: readonly string[]): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const known of knownIds) {
    const distance = editDistance(id, known);
    if (!best || distance < best.distance) best = { id: known, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(id.length / 3)) ? best.id : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
