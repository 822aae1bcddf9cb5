/** The entry modules of the bundle a Rollup/Rolldown `options` hook is told about. */
import type { Plugin } from 'vite';

type InputOptions = Parameters<Extract<NonNullable<Plugin['options']>, (...args: never[]) => unknown>>[0];

export function bundleEntries(inputOptions: InputOptions): string[] {
  const input = inputOptions.input;
  return typeof input === 'string' ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
}
