import type { Region } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import {
  apiParamsOf,
  hasFilters,
  resolutionForSpan,
  searchFromState,
  stateFromSearch,
  windowOf,
} from './explorer-state';

const HOUR_MS = 3_600_000;
const now = Date.UTC(2026, 10, 30, 6, 0);

describe('transactions explorer state', () => {
  it('round-trips through the URL, leaving defaults out', () => {
    const state = stateFromSearch(new URLSearchParams('range=24h&channel=hall,ivr&compare=region&live=0'));
    expect(state).toEqual({
      range: '24h',
      custom: null,
      channel: ['hall', 'ivr'],
      business: [],
      region: [],
      segment: [],
      compare: 'region',
      live: false,
    });
    expect(searchFromState(state).toString()).toBe('range=24h&channel=hall%2Civr&compare=region&live=0');
    expect(searchFromState(stateFromSearch(new URLSearchParams())).toString()).toBe('');
    expect(hasFilters(state)).toBe(true);
    expect(hasFilters(stateFromSearch(new URLSearchParams('compare=channel')))).toBe(false);
  });

  it('ignores values it does not know instead of sending them', () => {
    expect(stateFromSearch(new URLSearchParams('range=3y&compare=colour'))).toMatchObject({
      range: '6h',
      compare: 'none',
      live: true,
    });
  });

  it('keeps a custom window only when both ends are instants in order', () => {
    const link = 'range=custom&from=2026-11-01T00:00:00%2B08:00&to=2026-11-02T00:00:00%2B08:00';
    const state = stateFromSearch(new URLSearchParams(link));
    expect(state).toMatchObject({
      range: 'custom',
      custom: { from: '2026-10-31T16:00:00.000Z', to: '2026-11-01T16:00:00.000Z' },
    });
    expect(stateFromSearch(searchFromState(state))).toEqual(state);
    const backwards = 'range=custom&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z';
    expect(stateFromSearch(new URLSearchParams(backwards))).toMatchObject({ range: '6h', custom: null });
    expect(stateFromSearch(new URLSearchParams('range=custom&from=yesterday'))).toMatchObject({
      range: '6h',
    });
  });

  it('asks the API for the window with the resolution that keeps charts readable', () => {
    const state = stateFromSearch(new URLSearchParams('range=7d&business=payment'));
    const params = apiParamsOf(state, { window: windowOf(state, now), regions: [] });
    expect(Object.fromEntries(params)).toEqual({
      from: new Date(now - 7 * 86_400_000).toISOString(),
      to: new Date(now).toISOString(),
      resolution: 'hour',
      business: 'payment',
      groupBy: 'none',
    });
  });

  it('chooses the resolution of a custom window from its length', () => {
    expect(resolutionForSpan(6 * HOUR_MS)).toBe('minute');
    expect(resolutionForSpan(6 * HOUR_MS + 1)).toBe('hour');
    expect(resolutionForSpan(14 * 24 * HOUR_MS)).toBe('hour');
    expect(resolutionForSpan(90 * 24 * HOUR_MS)).toBe('day');
    const custom = stateFromSearch(
      new URLSearchParams('range=custom&from=2026-11-01T00:00:00Z&to=2026-11-01T03:00:00Z'),
    );
    expect(windowOf(custom, now)).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-01T03:00:00.000Z',
      resolution: 'minute',
    });
  });

  it('sends a chosen province with all of its cities, since transactions carry the city', () => {
    const regions: Region[] = [
      { code: 'hunan', parentCode: null, level: 'province', nameZh: '湖南', nameEn: 'Hunan' },
      { code: 'changsha', parentCode: 'hunan', level: 'city', nameZh: '长沙', nameEn: 'Changsha' },
      { code: 'zhuzhou', parentCode: 'hunan', level: 'city', nameZh: '株洲', nameEn: 'Zhuzhou' },
    ];
    const state = stateFromSearch(new URLSearchParams('region=hunan&compare=region'));
    const params = apiParamsOf(state, { window: windowOf(state, now), regions });
    expect(params.get('region')).toBe('hunan,changsha,zhuzhou');
    expect(params.get('groupBy')).toBe('region');
  });
});
