/**
 * MSW reads `localStorage` when it loads, and workers have none: give it an in-memory one.
 * Imported before anything that imports msw.
 */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(String(key)) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(String(key));
  }
  setItem(key: string, value: string) {
    this.items.set(String(key), String(value));
  }
  [name: string]: unknown;
}

if (!('localStorage' in globalThis)) {
  Object.defineProperty(globalThis, 'localStorage', { value: new MemoryStorage(), configurable: true });
}

export {};
