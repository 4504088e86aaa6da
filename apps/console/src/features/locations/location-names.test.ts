import type { Dimensions, Location } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import { locationDisplayName, type LocationNaming } from './location-names';

const location = (code: string, name: string, regionCode: string | null): Location => ({
  code,
  name,
  regionCode,
  site: null,
  agents: 1,
  healthyAgents: 1,
  checks: 0,
  lastHour: { runs: 0, failures: 0, p95Ms: null },
});

const dimensions = {
  channels: [],
  businesses: [],
  segments: [],
  systems: [],
  aliases: [],
  regions: [
    { code: 'hunan', nameZh: '湖南', nameEn: 'Hunan', level: 'province', parentCode: null },
    { code: 'changsha', nameZh: '长沙', nameEn: 'Changsha', level: 'city', parentCode: 'hunan' },
  ],
} as unknown as Dimensions;

function naming(locale: 'zh-CN' | 'en'): LocationNaming {
  return {
    locations: [
      location('changsha', 'changsha', 'changsha'),
      location('cs-wuyi', 'Changsha Wuyi Square', 'changsha'),
      location('lab', 'lab', null),
    ],
    dimensions,
    locale,
    t: (key: MessageKey, params?: MessageParams) => translate(locale, key, params),
  };
}

describe('locationDisplayName', () => {
  it('names a location enrolled only by its code after its city, in the reader’s language', () => {
    expect(locationDisplayName('changsha', naming('zh-CN'))).toBe('长沙');
    expect(locationDisplayName('changsha', naming('en'))).toBe('Changsha');
  });

  it('keeps a name someone gave, and the code when nothing better is known', () => {
    expect(locationDisplayName('cs-wuyi', naming('zh-CN'))).toBe('Changsha Wuyi Square');
    expect(locationDisplayName('lab', naming('zh-CN'))).toBe('lab');
    expect(locationDisplayName('unknown', naming('zh-CN'))).toBe('unknown');
  });

  it('names the built-in location in the reader’s language', () => {
    expect(locationDisplayName('local', naming('zh-CN'))).toBe('内置（服务器）');
    expect(locationDisplayName('local', naming('en'))).toBe('Built-in (server)');
  });
});
