import { describe, expect, it } from 'vitest';
import { frontmatterField } from './frontmatter';

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
