import { checkInputSchema } from '@ganzhi/contracts';
import type { MessageKey, Translate } from '../../lib/i18n';
import type { CheckFormField, CheckFormValues } from './check-form-values';

/** A form field as antd names it: a top-level field, or a cell of the header list. */
export type FormFieldPath = CheckFormField | ['headers', number, 'name' | 'value'];

/** An error placed on one field, or on the form as a whole when no field matches. */
export interface FormIssue {
  readonly field: FormFieldPath | null;
  readonly message: string;
}

const TOP_LEVEL_FIELDS: readonly CheckFormField[] = [
  'name',
  'description',
  'enabled',
  'intervalSeconds',
  'tags',
  'business',
  'channel',
  'region',
];
const STEP_FIELDS: readonly CheckFormField[] = [
  'method',
  'url',
  'body',
  'timeoutMs',
  'expectStatus',
  'bodyContains',
  'maxLatencyMs',
  'insecureTls',
];

/** True for the form's plain (non-list) fields, e.g. the keys of antd's `onValuesChange` argument. */
export function isPlainFormField(name: string): name is CheckFormField {
  return findField(TOP_LEVEL_FIELDS, name) !== null || findField(STEP_FIELDS, name) !== null;
}

function findField(fields: readonly CheckFormField[], name: string | undefined): CheckFormField | null {
  return fields.find((field) => field === name) ?? null;
}

/**
 * `steps.0.headers.X-Trace` points at the row whose name is `X-Trace` (header names may contain dots); without
 * such a row the issue goes to the form-wide message, since the header list has no error slot of its own.
 */
function headerField(headerName: string, values: CheckFormValues): FormFieldPath | null {
  const index = values.headers.findIndex((row) => row.name?.trim() === headerName);
  return index >= 0 ? ['headers', index, 'name'] : null;
}

/**
 * The form field an API or schema issue path belongs to: `name` → name, `steps.0.url` → url,
 * `steps.0.headers.X` → that header's row; null for paths the form does not show (`locations`, `steps`).
 */
export function fieldOfIssuePath(path: string, values: CheckFormValues): FormFieldPath | null {
  const [head, index, stepField, ...rest] = path.split('.');
  if (head !== 'steps') return findField(TOP_LEVEL_FIELDS, head);
  // The form edits the first step only.
  if (index !== '0') return null;
  if (stepField === 'headers') return rest.length > 0 ? headerField(rest.join('.'), values) : null;
  return findField(STEP_FIELDS, stepField);
}

type SchemaIssue = NonNullable<ReturnType<typeof checkInputSchema.safeParse>['error']>['issues'][number];

/** Fields whose every problem has one clear explanation, whatever the schema said. */
const FIELD_MESSAGES: Partial<Record<CheckFormField, MessageKey>> = {
  url: 'validation.url',
  expectStatus: 'validation.expectStatus',
  headers: 'validation.headerName',
  business: 'validation.code',
  channel: 'validation.code',
  region: 'validation.code',
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function fieldMessageKey(field: FormFieldPath | null): MessageKey | undefined {
  if (field === null) return undefined;
  return FIELD_MESSAGES[Array.isArray(field) ? 'headers' : field];
}

interface IssueContext {
  readonly values: CheckFormValues;
  readonly t: Translate;
}

/** A schema issue in the user's language; unusual issues keep the schema's own (English) message. */
function describeIssue(issue: SchemaIssue, field: FormFieldPath | null, { values, t }: IssueContext): string {
  if (typeof field === 'string' && field !== 'headers' && isEmpty(values[field]))
    return t('validation.required');
  const fieldKey = fieldMessageKey(field);
  if (fieldKey) return t(fieldKey);
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return t('validation.required');
      return t('validation.min', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('validation.tooLong', { max: String(issue.maximum) });
      return t('validation.max', { max: String(issue.maximum) });
    case 'invalid_type':
      return issue.expected === 'int' ? t('validation.integer') : t('validation.required');
    default:
      return issue.message;
  }
}

/** Validates the API input exactly as the server will, returning issues placed on form fields. */
export function validateCheckInput(input: unknown, context: IssueContext): FormIssue[] {
  const result = checkInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const field = fieldOfIssuePath(path, context.values);
    const message = describeIssue(issue, field, context);
    return { field, message: field === null ? `${path}: ${message}` : message };
  });
}

/** Places the server's `details` the same way; its messages are shown as the server wrote them. */
export function issuesFromDetails(
  details: readonly { path: string; message: string }[],
  values: CheckFormValues,
): FormIssue[] {
  return details.map((detail) => {
    const field = fieldOfIssuePath(detail.path, values);
    return { field, message: field === null ? `${detail.path}: ${detail.message}` : detail.message };
  });
}
