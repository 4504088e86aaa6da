import { describe, expect, it } from 'vitest';
import { findJsonPathProblem, selectJsonPath } from './json-path.js';

const bill = {
  items: [
    { name: '套餐费', yuan: 58 },
    { name: '流量包', yuan: 8 },
  ],
  total: 66,
};

describe('findJsonPathProblem', () => {
  it.each([
    '$.data.token',
    '$.items[0].name',
    '$..name',
    '$.items[*].yuan',
    '$.items[-1:]',
    '$["a b"]',
    '$.items[0,1]',
    '$',
  ])('accepts %s, which runs', (path) => {
    expect(findJsonPathProblem(path)).toBeNull();
    expect(() => selectJsonPath(bill, path)).not.toThrow();
  });

  it.each([
    ['$..[?(@.price<10)]', bill],
    ['$.items[?(@.yuan<10)].name', bill],
    ['$[*][?(@.yuan)]', [bill.items]],
    ['$[0:2][?(@.yuan)]', [bill.items]],
    ['$.items[(@.length-1)]', bill],
    ['$.items[*][(@.name)]', bill],
  ])('refuses %s at save, which fails at run', (path, response) => {
    expect(findJsonPathProblem(path)).toMatch(
      /^filter and script expressions such as \[.*\] are not supported/,
    );
    expect(() => selectJsonPath(response, path)).toThrow(/prevented/);
  });

  it('refuses what the engine throws on, and paths not starting at the root', () => {
    expect(findJsonPathProblem('$.items[@other()]')).toMatch(/^invalid JSONPath: .*otherTypeCallback/);
    expect(findJsonPathProblem('data.token')).toBe('a JSONPath starts with "$", e.g. $.data.token');
  });
});
