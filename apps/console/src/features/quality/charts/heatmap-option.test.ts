import type { ScoreEntry } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from '../../../lib/i18n';
import { buildHeatmapOption, cellName, parseCellName } from './heatmap-option';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

const cell = (channel: string, region: string, score: number | null): ScoreEntry => ({
  scope: 'channel_region',
  business: '',
  channel,
  region,
  bucketStart: '2026-11-30T06:25:00.000Z',
  score,
  families: { reliability: null, efficiency: null, usability: null, integrity: null },
  volume: 10,
  failures: 0,
  p95Ms: null,
  worst: score === null ? null : { key: 'payment', score },
  cappedByCritical: false,
});

describe('heat map option', () => {
  const axes = {
    channels: [
      { code: 'hall', label: 'Business hall' },
      { code: 'web_hall', label: 'Web hall' },
    ],
    regions: [
      { code: 'changsha', label: 'Changsha' },
      { code: 'yueyang', label: 'Yueyang' },
    ],
  };

  it('places each channel × city cell on its axes, insufficient data below every band', () => {
    const option = buildHeatmapOption(
      [cell('hall', 'yueyang', 2.2), cell('web_hall', 'changsha', null)],
      axes,
      t,
    );
    const series = (option?.series as { data: { name: string; value: number[] }[] }[])[0];
    expect(series?.data).toEqual([
      expect.objectContaining({ name: 'hall|yueyang', value: [1, 0, 2.2] }),
      expect.objectContaining({ name: 'web_hall|changsha', value: [0, 1, -1] }),
    ]);
  });

  it('says why a cell is grey: the samples there and the minimum a KPI needs', () => {
    const option = buildHeatmapOption([cell('web_hall', 'changsha', null)], { ...axes, minSamples: 30 }, t);
    const formatter = (option?.tooltip as { formatter: (params: unknown) => string }).formatter;
    const series = (option?.series as { data: unknown[] }[])[0];
    const text = formatter({ data: series?.data[0] });
    expect(text).toContain('Insufficient data');
    expect(text).toContain('no service here had the 30 samples a KPI needs in the window (10 in all)');
  });

  it('has nothing to draw before anything is scored', () => {
    expect(buildHeatmapOption([], axes, t)).toBeNull();
  });

  it('round-trips the cell name a click reports', () => {
    expect(parseCellName(cellName('sms_hall', 'xiangxi'))).toEqual({
      channel: 'sms_hall',
      region: 'xiangxi',
    });
    expect(parseCellName('garbage')).toBeNull();
  });
});
