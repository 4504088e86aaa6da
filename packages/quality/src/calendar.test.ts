import { describe, expect, it } from 'vitest';
import { startOfHour, startOfMinute, startOfZonedDay, zoneOffsetMs, isKnownTimeZone } from './calendar.js';

describe('calendar', () => {
  it('knows Asia/Shanghai is eight hours ahead of UTC', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 10, 22, 3), 'Asia/Shanghai')).toBe(8 * 3_600_000);
  });

  it('starts a Shanghai day at 16:00 UTC of the previous day', () => {
    const t = Date.UTC(2026, 10, 22, 3, 15); // 11:15 in Shanghai on 22 Nov
    expect(new Date(startOfZonedDay(t, 'Asia/Shanghai')).toISOString()).toBe('2026-11-21T16:00:00.000Z');
  });

  it('starts a UTC day at midnight', () => {
    expect(startOfZonedDay(Date.UTC(2026, 0, 1, 23, 59), 'UTC')).toBe(Date.UTC(2026, 0, 1));
  });

  it('truncates to minutes and hours', () => {
    const t = Date.UTC(2026, 0, 1, 10, 42, 17, 5);
    expect(startOfMinute(t)).toBe(Date.UTC(2026, 0, 1, 10, 42));
    expect(startOfHour(t)).toBe(Date.UTC(2026, 0, 1, 10));
  });

  it('rejects unknown zones', () => {
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
