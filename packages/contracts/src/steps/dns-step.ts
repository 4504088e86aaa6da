import { z } from 'zod';
import { hostSchema, stepBaseShape } from './step-common.js';

export const dnsRecordTypeSchema = z.enum(['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS']);
export type DnsRecordType = z.infer<typeof dnsRecordTypeSchema>;

/** Resolves a name against a chosen resolver and compares the answers. */
export const dnsStepSchema = z.object({
  kind: z.literal('dns'),
  ...stepBaseShape,
  /** The name to resolve (`name` is the step's label, as on every step). */
  query: hostSchema,
  recordType: dnsRecordTypeSchema.default('A'),
  /** `IP` or `IP:port` of the resolver; the system's resolvers when absent. */
  resolver: z
    .string()
    .regex(/^(\[[0-9A-Fa-f:]+\]|[0-9.]+)(:\d{1,5})?$|^[0-9A-Fa-f:]+$/, 'an IP address, optionally with :port')
    .optional(),
  /** Every listed answer must be present (MX as "priority exchange", TXT joined). */
  expectAnswers: z.array(z.string().min(1)).max(50).default([]),
});
export type DnsStep = z.infer<typeof dnsStepSchema>;
