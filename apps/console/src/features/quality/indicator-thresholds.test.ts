import type { Indicator } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import { describeThresholds, formatIndicatorQuantity } from './indicator-thresholds';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

function indicator(overrides: Partial<Indicator>): Indicator {
  return {
    id: 'page_open_time',
    name: { zh: '页面打开时长', en: 'Page open time' },
    description: '',
    layer: 'experience',
    dimension: 'customer_perception',
    family: 'efficiency',
    source: 'probe',
    formula: 'quantile(latency, 0.95) / 1000',
    unit: 's',
    direction: 'lower_is_better',
    scoring: 'thresholds',
    interpolation: 'log',
    successPercent: false,
    thresholds: { good: 2, tolerable: 5, bad: 10 },
    minSamples: 30,
    critical: false,
    criticalFor: [],
    weight: 1,
    outcome: false,
    appliesTo: { channels: [], businessTypes: [], businesses: [] },
    enabled: true,
    builtin: true,
    modified: false,
    measurements: ['latency'],
    ...overrides,
  };
}

describe('describeThresholds', () => {
  it('says lower-is-better rules with good and bad inclusive, as the server scores them', () => {
    expect(describeThresholds(indicator({}), en)).toBe(
      'good (5) ≤ 2 s · tolerable (3) at 5 s · bad (1) ≥ 10 s',
    );
    expect(describeThresholds(indicator({}), zh)).toBe(
      '好（5 分）≤ 2 s · 可容忍（3 分）对应 5 s · 差（1 分）≥ 10 s',
    );
  });

  it('turns the comparisons round when higher is better', () => {
    const success = indicator({
      unit: '%',
      direction: 'higher_is_better',
      successPercent: true,
      thresholds: { good: 99.9, tolerable: 99, bad: 95 },
    });
    expect(describeThresholds(success, en)).toBe(
      'good (5) ≥ 99.9 % · tolerable (3) at 99 % · bad (1) ≤ 95 %',
    );
    expect(describeThresholds(success, zh)).toBe(
      '好（5 分）≥ 99.9 % · 可容忍（3 分）对应 99 % · 差（1 分）≤ 95 %',
    );
  });

  it('shows the tolerable value the server derives when none is set, marked “≈”', () => {
    // Log mode: √(2 · 10) = 4.472 s.
    const log = indicator({ thresholds: { good: 2, tolerable: null, bad: 10 } });
    expect(describeThresholds(log, en)).toBe('good (5) ≤ 2 s · tolerable (3) at ≈ 4.472 s · bad (1) ≥ 10 s');
    // A success percentage is interpolated on its failure share: 100 − √(1 · 20) = 95.53 %.
    const success = indicator({
      unit: '%',
      direction: 'higher_is_better',
      successPercent: true,
      thresholds: { good: 99, tolerable: null, bad: 80 },
    });
    expect(describeThresholds(success, zh)).toBe(
      '好（5 分）≥ 99 % · 可容忍（3 分）对应 ≈ 95.53 % · 差（1 分）≤ 80 %',
    );
    // Linear mode: the midpoint; a signed index keeps a real minus sign.
    const capability = indicator({
      unit: '',
      direction: 'higher_is_better',
      interpolation: 'linear',
      thresholds: { good: 0, tolerable: null, bad: -0.2 },
    });
    expect(describeThresholds(capability, en)).toBe(
      'good (5) ≥ 0 · tolerable (3) at ≈ −0.1 · bad (1) ≤ −0.2',
    );
  });

  it('writes ratios as percents and milliseconds as seconds', () => {
    const running = indicator({ unit: 'ratio', thresholds: { good: 0.1, tolerable: 0.25, bad: 0.5 } });
    expect(describeThresholds(running, en)).toBe('good (5) ≤ 10 % · tolerable (3) at 25 % · bad (1) ≥ 50 %');
    const custom = indicator({ unit: 'ms', thresholds: { good: 800, tolerable: 2000, bad: 5000 } });
    expect(describeThresholds(custom, zh)).toBe(
      '好（5 分）≤ 800 ms · 可容忍（3 分）对应 2.00 s · 差（1 分）≥ 5.00 s',
    );
  });

  it('gives Apdex its rating bands, which its scoring uses instead of the thresholds', () => {
    const apdex = indicator({ unit: '', direction: 'higher_is_better', scoring: 'apdex' });
    expect(describeThresholds(apdex, en)).toBe(
      'Apdex rating: good (5) ≥ 0.94 · tolerable (3) ≥ 0.7 · bad (1) < 0.5',
    );
  });
});

describe('formatIndicatorQuantity', () => {
  it('says word units in the reader’s language', () => {
    expect(formatIndicatorQuantity(30, 'min', zh)).toBe('30 分钟');
    expect(formatIndicatorQuantity(4.25, 'score', en)).toBe('4.25 points');
    expect(formatIndicatorQuantity(0.9, '× SLA', en)).toBe('0.9 × SLA');
  });
});
