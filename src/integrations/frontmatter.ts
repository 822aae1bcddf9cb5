/**
 * Reads the one frontmatter field the site checks need (`scenario`) from a page's source
 * without a YAML parser: the field is a plain scalar, optionally quoted.
 */
export function frontmatterField(source: string, field: string): string | undefined {
  const block = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(source)?.[1];
  if (block === undefined) return undefined;
  const line = new RegExp(`^${field}:[ \\t]*(.*?)[ \\t]*$`, 'm').exec(block)?.[1];
  if (line === undefined) return undefined;
  const quoted = /^(['"])(.*)\1$/.exec(line);
  return quoted ? quoted[2] : line.replace(/\s+#.*$/, '');
}
