import type { Dimensions, Region } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { flattenRegionTree, regionTreeOf, regionTreeOptions, withDescendants } from './region-tree';

const region = (code: string, parentCode: string | null, level: Region['level']): Region => ({
  code,
  parentCode,
  level,
  nameZh: `${code}-zh`,
  nameEn: `${code}-en`,
});

const regions: Region[] = [
  region('changsha', 'hunan', 'city'),
  region('yuelu', 'changsha', 'county'),
  region('hunan', null, 'province'),
  region('zhuzhou', 'hunan', 'city'),
  region('lost', 'atlantis', 'city'),
];

const codesOf = (list: readonly Region[]) => list.map((item) => item.code);

describe('regionTreeOf', () => {
  it('puts provinces first and every region under its parent, in the server order', () => {
    const tree = regionTreeOf(regions);
    expect(tree.map((node) => node.region.code)).toEqual(['hunan', 'lost']);
    expect(tree[0]?.children.map((node) => node.region.code)).toEqual(['changsha', 'zhuzhou']);
    expect(codesOf(flattenRegionTree(tree))).toEqual(['hunan', 'changsha', 'yuelu', 'zhuzhou', 'lost']);
  });

  it('shows regions caught in a parent cycle once instead of looping', () => {
    const cycle = [region('a', 'b', 'city'), region('b', 'a', 'city')];
    expect(codesOf(flattenRegionTree(regionTreeOf(cycle)))).toEqual(['a', 'b']);
  });
});

describe('withDescendants', () => {
  it('adds every region below the chosen ones, once', () => {
    expect(withDescendants(regions, ['hunan'])).toEqual(['hunan', 'changsha', 'yuelu', 'zhuzhou']);
    expect(withDescendants(regions, ['changsha', 'yuelu'])).toEqual(['changsha', 'yuelu']);
  });

  it('keeps codes it does not know, and works before the regions have loaded', () => {
    expect(withDescendants(regions, ['xiangtan'])).toEqual(['xiangtan']);
    expect(withDescendants(undefined, ['hunan'])).toEqual(['hunan']);
  });
});

describe('regionTreeOptions', () => {
  it('names the tree in the current language, leaves without children', () => {
    const dimensions = { regions: regions.slice(0, 3) } as unknown as Dimensions;
    expect(regionTreeOptions(dimensions, 'en')).toEqual([
      {
        value: 'hunan',
        title: 'hunan-en',
        children: [
          { value: 'changsha', title: 'changsha-en', children: [{ value: 'yuelu', title: 'yuelu-en' }] },
        ],
      },
    ]);
    expect(regionTreeOptions(undefined, 'zh-CN')).toEqual([]);
  });
});
