import { describe, expect, it } from 'vitest';
import { formatLatencyMs, formatOffsetMs, formatRatioAsPercent } from './format-latency';

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

describe('formatOffsetMs', () => {
  it('signs the offset so ahead and behind read differently', () => {
    expect(formatOffsetMs(35)).toBe('+35 ms');
    expect(formatOffsetMs(-1200)).toBe('\u22121.20 s');
    expect(formatOffsetMs(0.2)).toBe('0 ms');
    expect(formatOffsetMs(null)).toBe('—');
  });
});
