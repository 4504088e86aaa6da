import type { IssueCode } from '@ganzhi/contracts';
import { isApiError, type FieldIssue, type IssueParams } from './api-error';
import type { MessageKey, Translate } from './i18n';

/**
 * The text of each code the server names problems and refusals with. A code missing here is a compile error; a code
 * the server adds later, which this console does not know, is shown as the server's message.
 */
const TEXT_OF_CODE: Readonly<Record<IssueCode, MessageKey>> = {
  required: 'issue.required',
  too_short: 'issue.too_short',
  too_long: 'issue.too_long',
  too_few: 'issue.too_few',
  too_many: 'issue.too_many',
  too_small: 'issue.too_small',
  too_big: 'issue.too_big',
  must_exceed: 'issue.must_exceed',
  must_be_below: 'issue.must_be_below',
  not_integer: 'issue.not_integer',
  invalid_type: 'issue.invalid_type',
  invalid_enum: 'issue.invalid_enum',
  invalid_format: 'issue.invalid_format',
  unknown_key: 'issue.unknown_key',
  invalid_value: 'issue.invalid_value',
  unknown_variable: 'issue.unknown_variable',
  invalid_json_path: 'issue.invalid_json_path',
  invalid_regex: 'issue.invalid_regex',
  regex_unsupported: 'issue.regex_unsupported',
  invalid_selector: 'issue.invalid_selector',
  expression_required: 'issue.expression_required',
  source_http_only: 'issue.source_http_only',
  source_browser_only: 'issue.source_browser_only',
  source_no_body: 'issue.source_no_body',
  step_kind_unsupported: 'issue.step_kind_unsupported',
  unknown_location: 'issue.unknown_location',
  unknown_reference: 'issue.unknown_reference',
  unknown_role: 'issue.unknown_role',
  duplicate_name: 'issue.duplicate_name',
  region_out_of_scope: 'issue.region_out_of_scope',
  region_choice_required: 'issue.region_choice_required',
  province_wide_only: 'issue.province_wide_only',
  permission_required: 'issue.permission_required',
  password_too_short: 'issue.password_too_short',
  password_contains_username: 'password.containsUsername',
  password_too_common: 'password.tooCommon',
  password_wrong: 'password.wrongCurrent',
  password_unchanged: 'password.sameAsCurrent',
  one_time_code_required: 'login.codeMissing',
  one_time_code_wrong: 'login.codeWrong',
  must_be_future: 'issue.must_be_future',
  range_reversed: 'issue.range_reversed',
  invalid_formula: 'issue.invalid_formula',
};

/** Formats with a text of their own; any other (a pattern, an id format) has the general one. */
const FORMAT_TEXT: Readonly<Record<string, MessageKey>> = {
  email: 'issue.invalid_format.email',
  url: 'issue.invalid_format.url',
  datetime: 'issue.invalid_format.datetime',
  date: 'issue.invalid_format.datetime',
  time: 'issue.invalid_format.datetime',
};

type Labels = Readonly<Record<string, MessageKey>>;

/** What an assertion or extraction reads (`jsonPath`, `header` …), named as the check editor names it. */
export const SOURCE_LABELS: Labels = {
  jsonPath: 'source.jsonPath',
  regex: 'source.regex',
  header: 'source.header',
  cookie: 'source.cookie',
  status: 'source.status',
  css: 'source.css',
  body: 'source.body',
  latencyMs: 'source.latencyMs',
  text: 'source.text',
  element: 'source.element',
};
const STEP_KIND_LABELS: Labels = {
  http: 'stepKind.http',
  tcp: 'stepKind.tcp',
  dns: 'stepKind.dns',
  tls: 'stepKind.tls',
  browser: 'stepKind.browser',
  wait: 'stepKind.wait',
};
const DIMENSION_KIND_LABELS: Labels = {
  business: 'dimensions.kind.business',
  channel: 'dimensions.kind.channel',
  region: 'dimensions.kind.region',
  segment: 'dimensions.kind.segment',
  system: 'dimensions.kind.system',
};
const TYPE_LABELS: Labels = {
  string: 'issue.type.string',
  number: 'issue.type.number',
  boolean: 'issue.type.boolean',
  array: 'issue.type.array',
  object: 'issue.type.object',
};

/** Which param of a code's text is itself a name the reader's language has a word for. */
const LABELLED_PARAMS: Partial<Record<IssueCode, { readonly param: string; readonly labels: Labels }>> = {
  source_http_only: { param: 'source', labels: SOURCE_LABELS },
  source_browser_only: { param: 'source', labels: SOURCE_LABELS },
  expression_required: { param: 'source', labels: SOURCE_LABELS },
  source_no_body: { param: 'kind', labels: STEP_KIND_LABELS },
  step_kind_unsupported: { param: 'kind', labels: STEP_KIND_LABELS },
  unknown_reference: { param: 'kind', labels: DIMENSION_KIND_LABELS },
  invalid_type: { param: 'expected', labels: TYPE_LABELS },
};

/** Texts of error classes whose server message says nothing more specific; the others show the message. */
const CLASS_TEXT: Readonly<Record<string, MessageKey>> = {
  NETWORK: 'error.NETWORK',
  BAD_RESPONSE: 'error.BAD_RESPONSE',
  RATE_LIMITED: 'error.RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'error.PAYLOAD_TOO_LARGE',
  UNAVAILABLE: 'error.UNAVAILABLE',
  INTERNAL: 'error.INTERNAL',
};

function isKnownCode(code: string): code is IssueCode {
  return Object.hasOwn(TEXT_OF_CODE, code);
}

function keyOf(code: IssueCode, params: IssueParams): MessageKey {
  if (code === 'invalid_format') return FORMAT_TEXT[String(params.format)] ?? TEXT_OF_CODE.invalid_format;
  return TEXT_OF_CODE[code];
}

function localizedParams(code: IssueCode, params: IssueParams, t: Translate): IssueParams {
  const labelled = LABELLED_PARAMS[code];
  const value = labelled ? params[labelled.param] : undefined;
  const label = value === undefined ? undefined : labelled?.labels[String(value)];
  return labelled && label ? { ...params, [labelled.param]: t(label) } : params;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A text filled with params that were sent by the server, or null when they lack a value the text needs (an older
 * server, an event stored before it had params): the caller then shows the server's own message.
 * @example filledText('issue.too_long', { maximum: 100 }, t) // "最多 100 个字符"
 */
export function filledText(key: MessageKey, params: IssueParams, t: Translate): string | null {
  const needed = [...t(key).matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
  return needed.some((name) => params[name] === undefined) ? null : t(key, params);
}

/**
 * A code's text in the reader's language, filled with its params; null for a code this console does not know or
 * whose params lack a value its text needs, so the caller shows the server's message instead.
 * @example textOfCode('too_long', { maximum: 100 }, t) // "最多 100 个字符"
 */
export function textOfCode(code: string, params: IssueParams, t: Translate): string | null {
  if (!isKnownCode(code)) return null;
  return filledText(keyOf(code, params), localizedParams(code, params, t), t);
}

/**
 * One field issue of a refused input in the reader's language: by its code and params, else the server's message.
 * @example describeIssue({ path: 'name', message: 'Too big…', code: 'too_long', params: { maximum: 100 } }, t)
 *   // "最多 100 个字符"
 */
export function describeIssue(issue: FieldIssue, t: Translate): string {
  return (issue.code === undefined ? null : textOfCode(issue.code, issue.params ?? {}, t)) ?? issue.message;
}

/**
 * What went wrong, in the reader's language, for a message or an alert: the refusal's reason, else its field
 * issues, else a text for the error class when the server's message is a generic one, else that message.
 * @example describeError(regionRefusal, t) // "地区 zhuzhou 不在你的权限范围（changsha）内"
 */
export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const reasonText = error.reason === null ? null : textOfCode(error.reason, error.params, t);
  if (reasonText !== null) return reasonText;
  const [first, ...more] = error.details;
  if (first) {
    const text = describeIssue(first, t);
    return more.length === 0 ? text : t('issue.more', { text, count: more.length });
  }
  const classKey = CLASS_TEXT[error.code];
  return classKey ? t(classKey) : error.message;
}
