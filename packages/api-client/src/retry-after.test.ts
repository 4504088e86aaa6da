import { describe, expect, it } from 'vitest';
import { parseRetryAfterMs } from './retry-after.js';

const NOW = Date.parse('2026-12-01T10:00:00Z');

describe('parseRetryAfterMs', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfterMs('3', NOW)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the time until it, and a past one as now', () => {
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfterMs('Tue, 01 Dec 2026 09:00:00 GMT', NOW)).toBe(0);
  });

  it('gives null for no header and for one it cannot read', () => {
    expect(parseRetryAfterMs(null, NOW)).toBeNull();
    expect(parseRetryAfterMs('soon', NOW)).toBeNull();
    expect(parseRetryAfterMs('-5', NOW)).toBeNull();
  });
});
