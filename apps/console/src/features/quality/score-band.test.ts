import { describe, expect, it } from 'vitest';
import { bandOfScore, formatIndicatorValue, formatScore } from './score-band';

describe('score bands', () => {
  it('colours at the display thresholds: 4 good, 3 tolerable, below 3 poor, null insufficient', () => {
    expect(bandOfScore(4)).toBe('good');
    expect(bandOfScore(3.99)).toBe('tolerable');
    expect(bandOfScore(3)).toBe('tolerable');
    expect(bandOfScore(2.99)).toBe('poor');
    expect(bandOfScore(null)).toBe('insufficient');
    expect(bandOfScore(Number.NaN)).toBe('insufficient');
  });

  it('never shows a number for insufficient data', () => {
    expect(formatScore(null)).toBe('—');
    expect(formatScore(3.78)).toBe('3.8');
    expect(formatIndicatorValue(null, '%')).toBe('—');
    expect(formatIndicatorValue(99.954, '%')).toBe('99.95 %');
    expect(formatIndicatorValue(0.8851, '')).toBe('0.885');
    expect(formatIndicatorValue(2.5, 's')).toBe('2.5 s');
  });
});
