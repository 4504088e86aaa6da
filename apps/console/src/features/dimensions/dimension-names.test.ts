import { describe, expect, it } from 'vitest';
import type { Dimensions } from '@ganzhi/contracts';
import { citiesOf, dimensionOptions, nameOfCode } from './dimension-names';

const dimensions: Dimensions = {
  channels: [{ code: 'web_hall', nameZh: '网厅', nameEn: 'Web hall' }],
  businesses: [
    {
      code: 'balance_query',
      nameZh: '余额查询',
      nameEn: 'Balance query',
      type: 'query',
      slaMs: 30_000,
      systems: [],
    },
  ],
  regions: [
    { code: 'changsha', parentCode: 'hunan', level: 'city', nameZh: '长沙', nameEn: 'Changsha' },
    { code: 'hunan', parentCode: null, level: 'province', nameZh: '湖南', nameEn: 'Hunan' },
  ],
  segments: [{ code: 'mvc', nameZh: '最有价值客户', nameEn: 'Most valuable (MVC)' }],
  systems: [],
  aliases: [],
};

describe('nameOfCode', () => {
  it('names a code in the current language and falls back to the code itself', () => {
    expect(nameOfCode(dimensions, { kind: 'channel', code: 'web_hall', locale: 'zh-CN' })).toBe('网厅');
    expect(nameOfCode(dimensions, { kind: 'business', code: 'balance_query', locale: 'en' })).toBe(
      'Balance query',
    );
    expect(nameOfCode(dimensions, { kind: 'region', code: 'gone', locale: 'en' })).toBe('gone');
  });
});

describe('dimensionOptions', () => {
  it('lists regions parent first, each with its depth for indenting', () => {
    expect(dimensionOptions(dimensions, 'region', 'en')).toEqual([
      { value: 'hunan', label: 'Hunan', depth: 0 },
      { value: 'changsha', label: 'Changsha', depth: 1 },
    ]);
  });
});

describe('citiesOf', () => {
  it('keeps only cities, named in the current language', () => {
    expect(citiesOf(dimensions, 'zh-CN')).toEqual([{ code: 'changsha', name: '长沙' }]);
    expect(citiesOf(undefined, 'en')).toEqual([]);
  });
});
