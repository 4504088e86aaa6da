import { z } from 'zod';
import { hostSchema, portSchema, stepBaseShape } from './step-common.js';

/** Connects to a TCP port; optionally sends a line and expects a substring in the reply (e.g. an SMS gateway). */
export const tcpStepSchema = z.object({
  kind: z.literal('tcp'),
  ...stepBaseShape,
  host: hostSchema,
  port: portSchema,
  send: z.string().max(65_536).optional(),
  /** Substring the reply must contain; reading stops as soon as it appears. */
  expect: z.string().min(1).max(4096).optional(),
});
export type TcpStep = z.infer<typeof tcpStepSchema>;
