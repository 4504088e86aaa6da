import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time';

describe('formatRelativeTime', () => {
  it('says how long ago an instant was, relative to the given now', () => {
    const now = Date.parse('2025-03-31T12:00:00Z');
    expect(formatRelativeTime('2025-03-31T11:57:00Z', now)).toBe('3 minutes ago');
    expect(formatRelativeTime('2025-03-31T11:59:58Z', now)).toBe('a few seconds ago');
  });
});
