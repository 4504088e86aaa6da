import { z } from 'zod';

/** The one error envelope every API error uses. `code` values are stable; clients and tests key on them. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export const loginInputSchema = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(500),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const userSchema = z.object({ id: z.string(), username: z.string() });
export type User = z.infer<typeof userSchema>;

export const tokenInputSchema = z.object({ name: z.string().trim().min(1).max(100) });
export type TokenInput = z.infer<typeof tokenInputSchema>;

export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown once; only its hash is stored. */
  token: z.string(),
  createdAt: z.string(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
