import type { Dimensions } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { regionScopeNames, scopedRegionTreeOptions } from './region-scope';
import { regionTreeOptions } from './region-tree';

const region = (code: string, parentCode: string | null, names: [string, string]) => ({
  code,
  parentCode,
  level: parentCode === null ? ('province' as const) : ('city' as const),
  nameZh: names[0],
  nameEn: names[1],
});

const dimensions = {
  channels: [],
  businesses: [],
  regions: [
    region('hunan', null, ['湖南', 'Hunan']),
    region('changsha', 'hunan', ['长沙', 'Changsha']),
    region('zhuzhou', 'hunan', ['株洲', 'Zhuzhou']),
  ],
  systems: [],
  segments: [],
  aliases: [],
} as unknown as Dimensions;

describe('regionScopeNames', () => {
  it('names the scope’s regions in the current language, unknown codes as themselves', () => {
    expect(regionScopeNames(dimensions, ['changsha'], 'zh-CN')).toEqual(['长沙']);
    expect(regionScopeNames(dimensions, ['changsha', 'xx'], 'en')).toEqual(['Changsha', 'xx']);
    expect(regionScopeNames(dimensions, [], 'en')).toEqual([]);
  });
});

describe('scopedRegionTreeOptions', () => {
  const tree = regionTreeOptions(dimensions, 'en');

  it('offers the whole tree to a province-wide user', () => {
    expect(scopedRegionTreeOptions(tree, [])).toEqual(tree);
  });

  it('offers a city user only their city', () => {
    expect(scopedRegionTreeOptions(tree, ['changsha'])).toEqual([{ value: 'changsha', title: 'Changsha' }]);
  });
});
