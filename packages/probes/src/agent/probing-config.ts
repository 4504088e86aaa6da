import { z } from 'zod';
import { Secret } from '@ganzhi/runtime';
import { parseRanges } from '../safety/address-policy.js';

/**
 * A comma-separated list of CIDR ranges ("10.0.0.0/8, 192.168.0.0/16"); empty means none. Used for
 * GANZHI_PROBE_ALLOW and GANZHI_PROBE_DENY, whose ranges are denied on top of the built-in list.
 */
export const probeRangeListSchema = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .superRefine((ranges, context) => {
    try {
      parseRanges(ranges);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });

const SECRET_ENV_PREFIX = 'GANZHI_SECRET_';
/** `GANZHI_SECRET_KEY` is the server's key for secrets at rest, not a probe secret: it never reaches a flow. */
const RESERVED_SECRET_NAMES = new Set(['KEY']);

/**
 * `GANZHI_SECRET_<NAME>` variables: the values of `{{secrets.NAME}}` in the checks an agent runs (all but
 * `GANZHI_SECRET_KEY`).
 */
export function readProbeSecrets(env: NodeJS.ProcessEnv): Map<string, Secret> {
  const secrets = new Map<string, Secret>();
  for (const [name, value] of Object.entries(env)) {
    const secretName = name.slice(SECRET_ENV_PREFIX.length);
    if (
      name.startsWith(SECRET_ENV_PREFIX) &&
      value !== undefined &&
      secretName &&
      !RESERVED_SECRET_NAMES.has(secretName)
    )
      secrets.set(secretName, new Secret(value));
  }
  return secrets;
}
