import { describe, expect, it } from 'vitest';
import { findJsonPathProblem, selectJsonPath } from './json-path.js';

const bill = {
  items: [
    { name: '套餐费', yuan: 58, id: 'a1' },
    { name: '流量包', yuan: 8, id: 'a2' },
  ],
  total: 66,
  id: 'bill-1',
  account: { owner: { name: '张三' }, 'plan.name': '畅享' },
};

describe('selectJsonPath', () => {
  it.each([
    ['$.account.owner.name', ['张三']],
    ['$..id', ['bill-1', 'a1', 'a2']],
    ['$.items[0].name', ['套餐费']],
    ['$.items[*].yuan', [58, 8]],
    ['$.items[-1:].name', ['流量包']],
    ['$.items[0,1].yuan', [58, 8]],
    ["$.account['plan.name']", ['畅享']],
    ['$..owner["name"]', ['张三']],
    ['$.missing', []],
  ])('selects with %s what it says', (path, expected) => {
    expect(findJsonPathProblem(path)).toBeNull();
    expect(selectJsonPath(bill, path)).toEqual(expected);
  });

  it('selects the whole document only for "$" itself', () => {
    expect(selectJsonPath(bill, '$')).toEqual([bill]);
  });

  it.each(['$..[', '$.items[', '$[?(', '', 'items', '$.', '$..', '$.items[0', "$['total"])(
    'throws on %j instead of selecting the whole document or a shorter path',
    (path) => {
      expect(() => selectJsonPath(bill, path)).toThrow(/JSONPath/);
    },
  );
});

describe('findJsonPathProblem', () => {
  it.each([
    ['$..[?(@.price<10)]', '[?(@.price<10)]'],
    ['$.items[?(@.yuan<10)].name', '[?(@.yuan<10)]'],
    ['$[*][?(@.yuan)]', '[?(@.yuan)]'],
    ['$.items[(@.length-1)]', '[(@.length-1)]'],
    ['$[?(', '[?(…)]'],
  ])('refuses the filter or script in %s, naming it', (path, shown) => {
    expect(findJsonPathProblem(path)).toBe(
      `filter and script expressions such as ${shown} are not supported: checks evaluate JSONPath without running code`,
    );
    expect(() => selectJsonPath(bill, path)).toThrow('filter and script expressions');
  });

  it('refuses paths the engine would read differently from what they say', () => {
    expect(findJsonPathProblem("$['a%@%b']")).toMatch(/^unsupported JSONPath: the engine would read it as/);
    expect(findJsonPathProblem("$['x@string()']")).toMatch(/^unsupported JSONPath/);
  });

  it('refuses the engine extensions outside JSONPath: type selectors, parent and property-name operators', () => {
    expect(findJsonPathProblem('$.items[@other()]')).toBe('invalid JSONPath: unexpected "@" at character 9');
    expect(findJsonPathProblem('$.items[0]^')).toBe('invalid JSONPath: unexpected "^" at character 11');
    expect(findJsonPathProblem('$.items.*~')).toBe('invalid JSONPath: unexpected "~" at character 10');
  });
});
