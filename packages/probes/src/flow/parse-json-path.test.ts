import { describe, expect, it } from 'vitest';
import { JsonPathError, parseJsonPath } from './parse-json-path.js';

const problemOf = (path: string): string => {
  try {
    parseJsonPath(path);
  } catch (error) {
    if (error instanceof JsonPathError) return error.message;
    throw error;
  }
  return 'accepted';
};

describe('parseJsonPath', () => {
  it('reads names, indexes, wildcards, slices, unions and descendants into segments', () => {
    expect(parseJsonPath("$.data..items[0]['月费'][*][1:3,5].用户_id")).toEqual([
      { descendant: false, selectors: [{ type: 'name', name: 'data' }] },
      { descendant: true, selectors: [{ type: 'name', name: 'items' }] },
      { descendant: false, selectors: [{ type: 'index', index: 0 }] },
      { descendant: false, selectors: [{ type: 'name', name: '月费' }] },
      { descendant: false, selectors: [{ type: 'wildcard' }] },
      {
        descendant: false,
        selectors: [
          { type: 'slice', text: '1:3' },
          { type: 'index', index: 5 },
        ],
      },
      { descendant: false, selectors: [{ type: 'name', name: '用户_id' }] },
    ]);
    expect(parseJsonPath('$')).toEqual([]);
    expect(parseJsonPath('$..*')).toEqual([{ descendant: true, selectors: [{ type: 'wildcard' }] }]);
  });

  it.each([
    ['$..[', 'invalid JSONPath: "[" at character 4 is not closed'],
    ['$.a[', 'invalid JSONPath: "[" at character 4 is not closed'],
    ['$.a[0', 'invalid JSONPath: "[" at character 4 is not closed'],
    ["$['a", 'invalid JSONPath: the quote at character 3 is not closed'],
    ['$.', 'invalid JSONPath: "." at character 2 must be followed by a name or *, not the end'],
    ['$..', 'invalid JSONPath: ".." at character 2 must be followed by a name, * or [, not the end'],
    ['$.[0]', 'invalid JSONPath: "." at character 2 must be followed by a name or *, not "["'],
    ['$.a]', 'invalid JSONPath: unexpected "]" at character 4'],
    ['$.a b', 'invalid JSONPath: unexpected " " (a space) at character 4'],
    ['$.a[ 0]', 'invalid JSONPath: unexpected " " (a space) at character 5'],
    ['$.a[0;1]', 'invalid JSONPath: unexpected ";" at character 6: expected "," or "]"'],
    ['$.a[b]', `invalid JSONPath: unexpected "b" at character 5: quote names in brackets, e.g. ['name']`],
    ["$['']", 'invalid JSONPath: the name at character 3 is empty'],
    ['$.a[-1]', 'invalid JSONPath: negative indexes such as [-1] are not supported: use a slice, e.g. [-1:]'],
    ['$.a[01]', 'invalid JSONPath: write 1, not 01, at character 5'],
    ['$.a[0:0]', 'invalid JSONPath: the slice at character 5 ends at 0 and so selects nothing'],
    ['$.a[::0]', 'invalid JSONPath: the slice at character 5 has step 0: a step is at least 1'],
    [
      "$['a','b']",
      'invalid JSONPath: the union at character 2 may list indexes and slices only, e.g. [0,2] or [0:2,5]',
    ],
    ['$.$', 'invalid JSONPath: the name "$" is read as an operator by the JSONPath engine'],
    ["$['it''s']", 'invalid JSONPath: unexpected "\'" at character 7: expected "," or "]"'],
  ])('refuses %j: %s', (path, message) => {
    expect(problemOf(path)).toBe(message);
  });

  it('wants the root "$" first (relative paths are a jsonpath-plus extension), suggesting the rooted path', () => {
    expect(problemOf('data.token')).toBe('a JSONPath starts with "$", e.g. $.data.token');
    expect(problemOf('foo')).toBe('a JSONPath starts with "$", e.g. $.foo');
    expect(problemOf('[0].name')).toBe('a JSONPath starts with "$", e.g. $[0].name');
    expect(problemOf('')).toBe('a JSONPath starts with "$", e.g. $.data.token');
    expect(problemOf('foo[')).toBe('a JSONPath starts with "$", e.g. $.data.token');
  });
});
