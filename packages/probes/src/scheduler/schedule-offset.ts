import { stableHash32 } from '@ganzhi/runtime';

/**
 * Deterministic phase of a check at a location within its interval, so a thousand checks with a 60 s interval
 * spread over the minute instead of firing together, and the same check fires at the same second after a restart.
 */
export function scheduleOffsetMs(checkId: string, location: string, intervalMs: number): number {
  return stableHash32(`${checkId}@${location}`) % intervalMs;
}

/** The first slot at or after `nowMs` on the grid `offset + k·interval`. */
export function nextSlotMs(nowMs: number, offsetMs: number, intervalMs: number): number {
  const sinceOffset = nowMs - offsetMs;
  const slots = Math.ceil(sinceOffset / intervalMs);
  return offsetMs + slots * intervalMs;
}
