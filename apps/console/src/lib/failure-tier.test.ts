import { describe, expect, it } from 'vitest';
import { classifyFailureRatio } from '@ganzhi/quality';
import { colorOfSuccessRatio, FAILURE_TIER_COLORS } from './failure-tier';

describe('classifyFailureRatio', () => {
  it('calls under 1 % failures good, over 10 % bad and the rest fair', () => {
    expect(classifyFailureRatio(0)).toBe('good');
    expect(classifyFailureRatio(0.009)).toBe('good');
    expect(classifyFailureRatio(0.01)).toBe('fair');
    expect(classifyFailureRatio(0.1)).toBe('fair');
    expect(classifyFailureRatio(0.11)).toBe('bad');
  });

  it('colours a success ratio by its failure tier and leaves "no runs" uncoloured', () => {
    expect(colorOfSuccessRatio(1)).toBe(FAILURE_TIER_COLORS.good);
    expect(colorOfSuccessRatio(0.5)).toBe(FAILURE_TIER_COLORS.bad);
    expect(colorOfSuccessRatio(null)).toBeUndefined();
    // Exactly 1 % failures is not good, exactly 10 % is not bad.
    expect(colorOfSuccessRatio(0.99)).toBe(FAILURE_TIER_COLORS.fair);
    expect(colorOfSuccessRatio(0.9)).toBe(FAILURE_TIER_COLORS.fair);
  });
});
