import { describe, expect, it } from 'vitest';
import { frontmatterField, readFrontmatter } from './frontmatter';

describe('frontmatterField', () => {
  it('reads plain, single- and double-quoted values', () => {
    expect(frontmatterField('---\ntitle: A\nscenario: user-logged-in\n---\nbody', 'scenario')).toBe('user-logged-in');
    expect(frontmatterField("---\nscenario: 'user-logged-in'\n---\n", 'scenario')).toBe('user-logged-in');
    expect(frontmatterField('---\r\nscenario: "healthy"  \r\n---\r\n', 'scenario')).toBe('healthy');
  });

  it('ignores the field outside the frontmatter and in other keys', () => {
    expect(frontmatterField('---\ntitle: x\nmyscenario: a\n---\nscenario: b\n', 'scenario')).toBeUndefined();
    expect(frontmatterField('scenario: b\n', 'scenario')).toBeUndefined();
  });
});

describe('readFrontmatter', () => {
  it('reads the block as YAML: escaped quotes, folded strings, comments', () => {
    expect(readFrontmatter("---\ntitle: 'It''s down' # why\ndescription: >-\n  one\n  line\n---\n")).toEqual({
      title: "It's down",
      description: 'one line',
    });
  });

  it('gives no fields for a page without frontmatter or with an empty block', () => {
    expect(readFrontmatter('# Title\n')).toEqual({});
    expect(readFrontmatter('---\n---\nbody')).toEqual({});
  });

  it('rejects a block that is not a mapping', () => {
    expect(() => readFrontmatter('---\n- a\n---\n')).toThrow(/must be a mapping/);
  });
});
