import { describe, expect, it } from 'vitest';
import { seriesWindowOf } from './time-range';

describe('seriesWindowOf', () => {
  const nowMs = Date.parse('2025-03-31T12:00:00.000Z');

  it('uses minutes for up to six hours and hours beyond', () => {
    expect(seriesWindowOf('1h', nowMs)).toEqual({
      from: '2025-03-31T11:00:00.000Z',
      to: '2025-03-31T12:00:00.000Z',
      resolution: 'minute',
    });
    expect(seriesWindowOf('6h', nowMs).resolution).toBe('minute');
    expect(seriesWindowOf('24h', nowMs).resolution).toBe('hour');
    expect(seriesWindowOf('7d', nowMs).from).toBe('2025-03-24T12:00:00.000Z');
  });
});
