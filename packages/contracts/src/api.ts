import { z } from 'zod';
import { permissionSchema, regionScopeSchema, sessionUserSchema, type SessionUser } from './access.js';

/**
 * Stable codes of the problems the API names in `details[].code` and `error.reason`. Clients translate by code and
 * fill the text with `params`; the English `message` beside them stays for API users and logs. Codes are only ever
 * added: a client that does not know one shows the message.
 * - from request validation: `required`, `too_short`/`too_long` (text, `minimum`/`maximum` characters), `too_few`/
 *   `too_many` (lists), `too_small`/`too_big` (numbers, inclusive bounds), `must_exceed`/`must_be_below` (exclusive),
 *   `not_integer`, `invalid_type` (`expected`), `invalid_enum` (`values`), `invalid_format` (`format`),
 *   `unknown_key` (`keys`), `invalid_value`;
 * - the product's own refusals: the rest, each with the params its text needs.
 */
export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_big',
  'must_exceed',
  'must_be_below',
  'not_integer',
  'invalid_type',
  'invalid_enum',
  'invalid_format',
  'unknown_key',
  'invalid_value',
  'unknown_variable',
  'invalid_json_path',
  'invalid_regex',
  'regex_unsupported',
  'invalid_selector',
  'expression_required',
  'source_http_only',
  'source_browser_only',
  'source_no_body',
  'step_kind_unsupported',
  'unknown_location',
  'unknown_reference',
  'unknown_role',
  'duplicate_name',
  'region_out_of_scope',
  'region_choice_required',
  'province_wide_only',
  'permission_required',
  'password_too_short',
  'password_contains_username',
  'password_too_common',
  'password_wrong',
  'password_unchanged',
  'one_time_code_required',
  'one_time_code_wrong',
  'must_be_future',
  'range_reversed',
  'invalid_formula',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values a code's text is filled with (`{name}` placeholders): names, codes, numbers; lists come joined. */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof messageParamsSchema>;

/** One problem with one input field: `path` dotted (`steps.0.url`), `code` and `params` to translate it by. */
export const fieldIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: messageParamsSchema.optional(),
});

/**
 * The one error envelope every API error uses. `code` is the stable class of the error (`VALIDATION_FAILED`,
 * `FORBIDDEN` …, the HTTP status follows from it); `reason` names the refusal itself in the vocabulary of
 * `ISSUE_CODES` (`region_out_of_scope`), with `params`, when the server has one for it.
 */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    requestId: z.string(),
    reason: z.string().optional(),
    params: messageParamsSchema.optional(),
    details: z.array(fieldIssueSchema).optional(),
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
