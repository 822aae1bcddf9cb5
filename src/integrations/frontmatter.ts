/**
 * A page's frontmatter, read from its source: for the checks that run on the sources, outside
 * Astro's content layer.
 */
import { parse } from 'yaml';

const FRONTMATTER_BLOCK = /^---\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** The fields of the YAML block the source starts with, between `---` lines; `{}` without one. */
export function readFrontmatter(source: string): Readonly<Record<string, unknown>> {
  const block = FRONTMATTER_BLOCK.exec(source)?.[1] ?? '';
  const fields: unknown = parse(block);
  if (fields === null) return {};
  if (typeof fields !== 'object' || Array.isArray(fields)) {
    throw new Error(`Frontmatter must be a mapping of fields, not ${JSON.stringify(fields)}.`);
  }
  return fields as Record<string, unknown>;
}

/** One frontmatter field whose value is a string; undefined when it is absent or not a string. */
export function frontmatterField(source: string, field: string): string | undefined {
  const value = readFrontmatter(source)[field];
  return typeof value === 'string' ? value : undefined;
}
