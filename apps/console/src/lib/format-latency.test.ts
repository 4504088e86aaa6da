import { describe, expect, it } from 'vitest';
import { formatLatencyMs, formatRatioAsPercent } from './format-latency';

describe('formatLatencyMs', () => {
  it('shows milliseconds below a second and seconds above', () => {
    expect(formatLatencyMs(234.6)).toBe('235 ms');
    expect(formatLatencyMs(2345)).toBe('2.35 s');
    expect(formatLatencyMs(12_345)).toBe('12.3 s');
  });

  it('shows a dash instead of NaN when there is no value', () => {
    expect(formatLatencyMs(null)).toBe('—');
    expect(formatLatencyMs(Number.NaN)).toBe('—');
  });
});

describe('formatRatioAsPercent', () => {
  it('keeps two decimals so 99.95 % and 100 % differ', () => {
    expect(formatRatioAsPercent(0.9995)).toBe('99.95 %');
    expect(formatRatioAsPercent(1)).toBe('100 %');
    expect(formatRatioAsPercent(null)).toBe('—');
  });
});
