import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret with a readable prefix (`gzs_` session, `gzt_` API token, `gze_` agent enrolment, `gza_` agent credential); only its hash is stored. */
export function createOpaqueToken(prefix: 'gzs' | 'gzt' | 'gze' | 'gza'): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashOpaqueToken(token) };
}

/** SHA-256 suffices: the tokens are 192 random bits, so there is nothing to brute-force that a slow hash would slow. */
export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
