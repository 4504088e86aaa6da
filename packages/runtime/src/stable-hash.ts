import { createHash } from 'node:crypto';

/** A stable 32-bit unsigned hash of a string, for deterministic spreading (schedule offsets, shard keys). */
export function stableHash32(text: string): number {
  return createHash('sha1').update(text).digest().readUInt32BE(0);
}
