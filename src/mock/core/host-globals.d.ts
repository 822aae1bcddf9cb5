// The host APIs the core may use: present in browsers, Web Workers, Node, Deno and Bun alike.
// Only the core's own tsconfig includes this file; the root project gets them from its libs.
type TimerHandle = number | { ref?(): unknown };
declare function setTimeout(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): TimerHandle;
declare function clearTimeout(handle: TimerHandle | undefined): void;
declare function setInterval(callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]): TimerHandle;
declare function clearInterval(handle: TimerHandle | undefined): void;
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  decode(input?: Uint8Array): string;
}
declare function structuredClone<T>(value: T): T;
