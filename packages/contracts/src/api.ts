import { z } from 'zod';
import { permissionSchema, regionScopeSchema, sessionUserSchema, type SessionUser } from './access.js';

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
  /** The six-digit code of the user's authenticator app, when the user has a second factor. */
  totp: z
    .string()
    .regex(/^\d{6}$/, 'six digits')
    .optional(),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

/** The signed-in user (see `sessionUserSchema`). */
export const userSchema = sessionUserSchema;
export type User = SessionUser;

/**
 * A token request. Strict: a misspelt field (`scope`) is refused rather than silently giving a token other rights
 * than the caller meant. Scopes and regions may not exceed the creator's own.
 */
export const tokenInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(permissionSchema).min(1).max(100),
  /** Region codes the token is limited to; empty or absent = the creator's own scope. */
  regions: regionScopeSchema.optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type TokenInput = z.infer<typeof tokenInputSchema>;

export const createdTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Shown once; only its hash is stored. */
  token: z.string(),
  createdAt: z.string(),
  scopes: z.array(permissionSchema),
  regions: regionScopeSchema,
  expiresAt: z.string().nullable(),
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item) });
}
