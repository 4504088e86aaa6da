import { describe, expect, it } from 'vitest';
import { bandOfCapabilityIndex, bandOfRunningIndex, formatSignedIndex } from './capacity-bands';

describe('capacity bands', () => {
  it('colours the seeds’ worked examples: R 0.30 tolerable, C +0.154 good, C −0.286 poor', () => {
    expect(bandOfRunningIndex(0.3)).toBe('tolerable');
    expect(bandOfRunningIndex(0.05)).toBe('good');
    expect(bandOfRunningIndex(0.5)).toBe('poor');
    expect(bandOfCapabilityIndex(0.154)).toBe('good');
    expect(bandOfCapabilityIndex(-0.286)).toBe('poor');
    expect(bandOfCapabilityIndex(-0.1)).toBe('tolerable');
    expect(bandOfCapabilityIndex(null)).toBe('none');
  });

  it('writes signed indices as the seeds do', () => {
    expect(formatSignedIndex(0.15384)).toBe('+0.154');
    expect(formatSignedIndex(-0.2857)).toBe('−0.286');
    expect(formatSignedIndex(null)).toBe('—');
    expect(formatSignedIndex(-0.0001)).toBe('0.000');
  });
});
