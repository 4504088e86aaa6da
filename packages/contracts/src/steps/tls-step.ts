import { z } from 'zod';
import { hostSchema, portSchema, stepBaseShape } from './step-common.js';

/** TLS handshake and certificate health: chain trust, hostname match, days to expiry. */
export const tlsStepSchema = z.object({
  kind: z.literal('tls'),
  ...stepBaseShape,
  host: hostSchema,
  port: portSchema.default(443),
  /** SNI and the name the certificate must match; the host when absent. */
  servername: hostSchema.optional(),
  /** Fail when the certificate expires in fewer days than this. */
  minDaysToExpiry: z.number().int().min(0).max(3650).default(14),
  /** Judge an untrusted chain as a failure (true) or only report it (false). */
  requireTrustedChain: z.boolean().default(true),
});
export type TlsStep = z.infer<typeof tlsStepSchema>;
