/**
 * Removes the documentation comments (`/** … *\/` on lines of their own) from a declaration
 * file, keeping every declaration, `/// <reference …>` directive and ordinary comment. The
 * editor's checker parses each JSDoc comment of every file it loads; for declarations whose docs
 * a reader never hovers (the standard library, the SDK's plumbing packages) that is most of the
 * time to a warm checker and most of the bytes. tsc writes such comments on their own lines, so
 * a line-anchored match cannot reach into a string or a template literal type.
 */
const OWN_LINE_DOC_COMMENT = /^[ \t]*\/\*\*(?:[^*]|\*(?!\/))*\*\/[ \t]*\r?\n/gm;

export function stripDocComments(declarations: string): string {
  return declarations.replace(OWN_LINE_DOC_COMMENT, '');
}
