import type { Location } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { FAILURE_TIER_COLORS } from '../../../lib/failure-tier';
import { translate } from '../../../lib/i18n';
import { cityPointsOf } from '../city-points';
import { buildLocationMapChartOption, colorOfCity, symbolSizeOfRuns } from './location-map-chart-option';

const t = translate.bind(null, 'en');
const nameOfCity = (code: string) => code.toUpperCase();

function locationWith(code: string, lastHour: Location['lastHour']): Location {
  return {
    code,
    name: `<b>${code}</b>`,
    regionCode: null,
    site: null,
    agents: 1,
    healthyAgents: 1,
    checks: 1,
    lastHour,
  };
}

function seriesData(option: ReturnType<typeof buildLocationMapChartOption>, id: string) {
  const series = Array.isArray(option.series) ? option.series : [];
  const found = series.find((item) => item.id === id);
  return (found?.data ?? []) as { name: string; value: number[]; symbolSize: number }[];
}

describe('buildLocationMapChartOption', () => {
  it('draws covered cities at their coordinates, sized by runs, and the rest as hollow dots', () => {
    const { cities } = cityPointsOf([locationWith('changsha', { runs: 999, failures: 0, p95Ms: 200 })]);
    const option = buildLocationMapChartOption({ cities, nameOfCity, t });
    expect(seriesData(option, 'covered')).toMatchObject([
      { name: 'changsha', value: [112.94, 28.23, 999], symbolSize: 38 },
    ]);
    expect(seriesData(option, 'uncovered')).toHaveLength(13);
  });

  it('escapes location names in the tooltip', () => {
    const { cities } = cityPointsOf([locationWith('yueyang', { runs: 10, failures: 1, p95Ms: 200 })]);
    const option = buildLocationMapChartOption({ cities, nameOfCity, t });
    const tooltip = Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip;
    const formatter = tooltip?.formatter;
    if (typeof formatter !== 'function') throw new Error('expected a tooltip formatter');
    const html = String(Reflect.apply(formatter, undefined, [{ name: 'yueyang' }]));
    expect(html).toContain('<strong>YUEYANG</strong>');
    expect(html).toContain('&#60;b&#62;yueyang&#60;/b&#62;');
    expect(html).toContain('10.00 %');
  });
});

describe('symbolSizeOfRuns', () => {
  it('grows logarithmically and stays within 14–48 px', () => {
    expect(symbolSizeOfRuns(0)).toBe(14);
    expect(symbolSizeOfRuns(999)).toBe(38);
    expect(symbolSizeOfRuns(10_000_000)).toBe(48);
  });
});

describe('colorOfCity', () => {
  it('is grey without runs and follows the failure tiers otherwise', () => {
    expect(colorOfCity({ runs: 0, failures: 0 })).toBe('#8c8c8c');
    expect(colorOfCity({ runs: 1000, failures: 0 })).toBe(FAILURE_TIER_COLORS.good);
    expect(colorOfCity({ runs: 10, failures: 5 })).toBe(FAILURE_TIER_COLORS.bad);
  });
});
