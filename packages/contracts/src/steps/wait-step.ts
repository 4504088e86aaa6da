import { z } from 'zod';

/** Pauses the flow, e.g. between a payment and the balance query that should reflect it. */
export const waitStepSchema = z.object({
  kind: z.literal('wait'),
  name: z.string().min(1).max(120).optional(),
  durationMs: z.number().int().min(1).max(300_000),
});
export type WaitStep = z.infer<typeof waitStepSchema>;
