import { z } from 'zod';
import { stepBaseShape } from './step-common.js';
import { isHttpUrl, withPlaceholdersFilled } from './template-text.js';

export const httpMethodSchema = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
export type HttpMethod = z.infer<typeof httpMethodSchema>;

const headerNameSchema = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'not a valid HTTP header name');

/** Expected status: an exact code (200) or a class pattern ("2xx"). */
export const expectedStatusSchema = z.union([
  z.number().int().min(100).max(599),
  z.string().regex(/^[1-5]xx$/, 'use a status code such as 200 or a class such as "2xx"'),
]);
export type ExpectedStatus = z.infer<typeof expectedStatusSchema>;

/** An http(s) URL; `{{variables}}` may stand anywhere in it. */
export const httpUrlSchema = z
  .string()
  .min(1, 'a URL is required')
  .max(4096)
  .refine(isHttpUrl, 'must be an absolute http:// or https:// URL');

export const httpAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() }),
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
]);
export type HttpAuth = z.infer<typeof httpAuthSchema>;

/** A client certificate for mutual TLS; PEM text, usually `{{secrets.NAME}}`. */
export const clientCertificateSchema = z.object({
  certPem: z.string().min(1),
  keyPem: z.string().min(1),
  passphrase: z.string().optional(),
});

export const httpStepSchema = z
  .object({
    kind: z.literal('http'),
    ...stepBaseShape,
    method: httpMethodSchema.default('GET'),
    url: httpUrlSchema,
    headers: z.record(headerNameSchema, z.string()).default({}),
    /** Raw body; or `form` (application/x-www-form-urlencoded) or `json` (application/json): at most one of the three. */
    body: z.string().max(1_000_000).optional(),
    form: z.record(z.string(), z.string()).optional(),
    json: z.unknown().optional(),
    auth: httpAuthSchema.optional(),
    clientCertificate: clientCertificateSchema.optional(),
    expectStatus: expectedStatusSchema.default('2xx'),
    bodyContains: z.string().min(1).optional(),
    maxLatencyMs: z.number().int().positive().optional(),
    /** Redirects followed, each checked against the address policy; 0 judges the 3xx itself. */
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /**
     * Follow a redirect from https to http. Off by default: the downgrade would carry the request, the flow's
     * cookies and whatever the URL holds in clear text, so such a redirect fails the step with `blocked`.
     */
    allowInsecureRedirects: z.boolean().default(false),
    /** Accept self-signed or otherwise untrusted certificates (internal systems often have them). */
    insecureTls: z.boolean().default(false),
  })
  .superRefine((step, context) => {
    const bodies = [step.body, step.form, step.json].filter((value) => value !== undefined).length;
    if (bodies > 1)
      context.addIssue({ code: 'custom', path: ['body'], message: 'use only one of body, form and json' });
    // Only for URLs that are otherwise well-formed, so one problem is reported once.
    if (isHttpUrl(step.url) && !/^https?:\/\/[^/]/i.test(withPlaceholdersFilled(step.url))) {
      context.addIssue({ code: 'custom', path: ['url'], message: 'the URL needs a host' });
    }
  });
export type HttpStep = z.infer<typeof httpStepSchema>;
export type HttpStepInput = z.input<typeof httpStepSchema>;
