import type { RegionGrant } from './actor.js';

/** A stored region list as a grant: an empty list is the whole province (`null`). */
export function parseGrant(json: string): RegionGrant {
  const codes = JSON.parse(json) as string[];
  return codes.length === 0 ? null : codes;
}

/** Epoch milliseconds as ISO text, keeping "never" as null. */
export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
