import type { HttpMethod, HttpStepInput } from '@ganzhi/contracts';
import { numberOrUndefined, textOrUndefined, toRecord, toRows, type KeyValueRow } from './key-value-rows';
import type { StepFormCodec, StepOf, StepRuleValues } from './step-form-values';
import { DEFAULT_TIMEOUT_MS, newRuleValues, toRuleInput, toRuleValues } from './step-rule-values';

/** How the request body is given: the API takes at most one of `body`, `form` and `json`. */
export type HttpBodyType = 'none' | 'raw' | 'form' | 'json';
export const HTTP_BODY_TYPES: readonly HttpBodyType[] = ['none', 'raw', 'form', 'json'];

export type HttpAuthType = 'none' | 'basic' | 'bearer';
export const HTTP_AUTH_TYPES: readonly HttpAuthType[] = ['none', 'basic', 'bearer'];

/** The auth choice and every credential field, so switching type back and forth keeps what was typed. */
export interface HttpAuthFormValues {
  readonly type: HttpAuthType;
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

export interface ClientCertificateFormValues {
  readonly certPem?: string;
  readonly keyPem?: string;
  readonly passphrase?: string;
}

export interface HttpStepFormValues extends StepRuleValues {
  readonly kind: 'http';
  readonly name?: string;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: KeyValueRow[];
  readonly bodyType: HttpBodyType;
  readonly body?: string;
  readonly form: KeyValueRow[];
  /** The JSON body as the user typed it; parsed on the way out (see `parseJsonText`). */
  readonly jsonText?: string;
  readonly auth: HttpAuthFormValues;
  readonly clientCertificate?: ClientCertificateFormValues;
  /** "200" or "2xx": one text input for both forms the schema accepts. */
  readonly expectStatus: string;
  readonly bodyContains?: string;
  readonly maxLatencyMs: number | null;
  readonly maxRedirects: number | null;
  /** Kept without a field of its own, so a definition that allows https → http redirects keeps allowing them. */
  readonly allowInsecureRedirects?: boolean;
  readonly insecureTls: boolean;
}

/** Methods whose requests carry no body in practice; the editor hides the body for them. */
export function isBodylessMethod(method: HttpMethod | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The JSON text's value, or `ok: false` when it does not parse (the editor reports that before sending). */
export function parseJsonText(text: string | undefined): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text ?? '') as unknown };
  } catch {
    return { ok: false };
  }
}

function bodyTypeOf(step: StepOf<'http'>): HttpBodyType {
  if (step.json !== undefined) return 'json';
  if (step.form !== undefined) return 'form';
  if (step.body !== undefined) return 'raw';
  return 'none';
}

function toAuthForm(auth: StepOf<'http'>['auth']): HttpAuthFormValues {
  if (!auth) return { type: 'none' };
  return auth.type === 'basic'
    ? { type: 'basic', username: auth.username, password: auth.password }
    : { type: 'bearer', token: auth.token };
}

function toAuthInput(auth: HttpAuthFormValues | undefined): HttpStepInput['auth'] {
  switch (auth?.type) {
    case 'basic':
      return { type: 'basic', username: (auth.username ?? '').trim(), password: auth.password ?? '' };
    case 'bearer':
      return { type: 'bearer', token: (auth.token ?? '').trim() };
    default:
      return undefined;
  }
}

/** A certificate is sent only when some part of it is filled; an empty section means "none". */
function toCertificateInput(
  values: ClientCertificateFormValues | undefined,
): HttpStepInput['clientCertificate'] {
  const certPem = values?.certPem?.trim() ?? '';
  const keyPem = values?.keyPem?.trim() ?? '';
  if (certPem === '' && keyPem === '') return undefined;
  return { certPem, keyPem, passphrase: values?.passphrase || undefined };
}

/** Digits become a number (the exact-code form); anything else stays text for the schema to judge ("2xx"). */
function toExpectStatus(value: string | undefined): HttpStepInput['expectStatus'] {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Only the chosen body type is sent; the others keep their text in the form in case the user switches back. */
function toBodyInput(values: HttpStepFormValues): Pick<HttpStepInput, 'body' | 'form' | 'json'> {
  if (isBodylessMethod(values.method)) return {};
  switch (values.bodyType) {
    case 'raw':
      return { body: values.body ?? '' };
    case 'form':
      return { form: toRecord(values.form) };
    case 'json': {
      const parsed = parseJsonText(values.jsonText);
      // Unparsable text is caught by the editor's own check before anything is sent; this keeps the function total.
      return { json: parsed.ok ? parsed.value : values.jsonText };
    }
    default:
      return {};
  }
}

export const httpStepForm: StepFormCodec<'http'> = {
  create: () => ({
    kind: 'http',
    method: 'GET',
    url: '',
    headers: [],
    bodyType: 'none',
    form: [],
    auth: { type: 'none' },
    expectStatus: '2xx',
    maxLatencyMs: null,
    maxRedirects: 5,
    insecureTls: false,
    ...newRuleValues(DEFAULT_TIMEOUT_MS.http),
  }),
  toForm: (step) => ({
    kind: 'http',
    name: step.name,
    method: step.method,
    url: step.url,
    headers: toRows(step.headers),
    bodyType: bodyTypeOf(step),
    body: step.body,
    form: toRows(step.form),
    jsonText: step.json === undefined ? undefined : JSON.stringify(step.json, null, 2),
    auth: toAuthForm(step.auth),
    clientCertificate: step.clientCertificate ? { ...step.clientCertificate } : undefined,
    expectStatus: String(step.expectStatus),
    bodyContains: step.bodyContains,
    maxLatencyMs: step.maxLatencyMs ?? null,
    maxRedirects: step.maxRedirects,
    allowInsecureRedirects: step.allowInsecureRedirects,
    insecureTls: step.insecureTls,
    ...toRuleValues(step),
  }),
  summarize: (step) => `${step.method} ${step.url}`,
  toInput: (values) => ({
    kind: 'http',
    name: textOrUndefined(values.name),
    method: values.method,
    url: (values.url ?? '').trim(),
    headers: toRecord(values.headers),
    ...toBodyInput(values),
    auth: toAuthInput(values.auth),
    clientCertificate: toCertificateInput(values.clientCertificate),
    expectStatus: toExpectStatus(values.expectStatus),
    bodyContains: values.bodyContains || undefined,
    maxLatencyMs: numberOrUndefined(values.maxLatencyMs),
    maxRedirects: numberOrUndefined(values.maxRedirects),
    allowInsecureRedirects: values.allowInsecureRedirects ?? false,
    insecureTls: values.insecureTls ?? false,
    ...toRuleInput(values),
  }),
};
