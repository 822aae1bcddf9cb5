import { describe, expect, it } from 'vitest';
import { nearestPage, type KnownPage } from './nearest-page';

const pages: KnownPage[] = [
  { path: '', title: 'Start here' },
  { path: 'diagnose/', title: 'Diagnose a pasted error' },
  { path: 'guides/any-language/', title: 'The mock from any language' },
  { path: 'scenarios/user-locked-out/', title: 'USER_LOCKED_OUT' },
  { path: 'scenarios/user-logged-in/', title: 'USER_LOGGED_IN' },
  { path: 'scenarios/xks-proxy-timed-out/', title: 'XKS_PROXY_TIMED_OUT' },
];
const nearest = (path: string) => nearestPage(path, pages)?.path;

describe('nearestPage', () => {
  it('finds the page a typo meant', () => {
    expect(nearest('scenarios/user-lockedout/')).toBe('scenarios/user-locked-out/');
    expect(nearest('guides/any-languge')).toBe('guides/any-language/');
  });

  it('reads a ConnectionErrorCode typed as the address, in any case, escaped or not', () => {
    expect(nearest('scenarios/USER_LOCKED_OUT/')).toBe('scenarios/user-locked-out/');
    expect(nearest('scenarios/XKS%5FPROXY%5FTIMED%5FOUT')).toBe('scenarios/xks-proxy-timed-out/');
  });

  it('reads an address written as a file', () => {
    expect(nearest('diagnose/index.html')).toBe('diagnose/');
  });

  it('suggests nothing for an address close to no page, or for a malformed one', () => {
    expect(nearest('scenarios/something-else-entirely/')).toBeUndefined();
    expect(nearest('wp-admin/setup.php')).toBeUndefined();
    expect(nearest('%E0%A4%A')).toBeUndefined();
  });
});
