import { describe, expect, it } from 'vitest';
import { stripDocComments } from './strip-doc-comments';

describe('stripDocComments', () => {
  it('drops documentation comments and keeps the declarations', () => {
    const source = [
      '/// <reference lib="es2015.iterable" />',
      '/**',
      ' * Metadata pertaining to this request.',
      ' * @public',
      ' */',
      'export interface ResponseMetadata {',
      '    /** The status code of the last HTTP response. */',
      '    httpStatusCode?: number;',
      '}',
      '',
    ].join('\n');
    expect(stripDocComments(source)).toBe(
      [
        '/// <reference lib="es2015.iterable" />',
        'export interface ResponseMetadata {',
        '    httpStatusCode?: number;',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('keeps ordinary comments and comment-like text inside declarations', () => {
    const source = [
      '/* license */',
      'export type Glob = `/**${string}`;',
      'declare const x: string; /** trailing, not on its own line */',
      '',
    ].join('\n');
    expect(stripDocComments(source)).toBe(source);
  });
});
