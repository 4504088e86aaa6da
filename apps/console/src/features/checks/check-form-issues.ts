import { checkInputSchema, type CheckInputRaw } from '@ganzhi/contracts';
import type { FieldIssue } from '../../lib/api-error';
import type { MessageKey, Translate } from '../../lib/i18n';
import { describeIssue as describeServerIssue } from '../../lib/server-text';
import { toCheckInput, type CheckFormValues } from './check-form-values';
import {
  indexOfRow,
  isBodylessMethod,
  OBJECT_FIELDS,
  parseJsonText,
  PLAIN_STEP_FIELDS,
  ROW_FIELDS,
  type StepFormValues,
} from './step-forms';

/** A form field as antd names it: `['name']`, `['steps', 1, 'assert', 0, 'expression']`. */
export type FieldPath = readonly (string | number)[];

/** A problem with the check: where the API put it, the form field that shows it (if any), and the step. */
export interface FormIssue {
  /** The API's path, e.g. `steps.1.url`; the summary names the place from it. */
  readonly path: string;
  readonly field: FieldPath | null;
  /** The step the problem belongs to, so a collapsed step can still say it has one. */
  readonly stepIndex: number | null;
  readonly message: string;
}

const TOP_LEVEL_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'description',
  'enabled',
  'intervalSeconds',
  'tags',
  'business',
  'channel',
  'region',
  'locations',
  'flowTimeoutMs',
]);

type RowTable = keyof typeof ROW_FIELDS;
type NestedObject = keyof typeof OBJECT_FIELDS;

function isRowTable(name: string | undefined): name is RowTable {
  return name === 'extract' || name === 'assert' || name === 'actions';
}

function isNestedObject(name: string | undefined): name is NestedObject {
  return name === 'viewport' || name === 'auth' || name === 'clientCertificate';
}

/** A list index in a path, or null for anything else ("x", "1.5", ""). */
function indexOf(segment: string | undefined): number | null {
  return segment !== undefined && /^\d+$/.test(segment) ? Number(segment) : null;
}

/** Where the API's body problem shows: the input of the chosen body type (form rows have no slot of their own). */
function bodyField(step: StepFormValues): FieldPath | null {
  if (step.kind !== 'http') return null;
  if (step.bodyType === 'json') return ['jsonText'];
  return step.bodyType === 'raw' ? ['body'] : null;
}

/** Records shown as rows: `headers.X-Trace` is the row named `X-Trace` (names may contain dots). */
function recordRowField(step: StepFormValues, record: 'headers' | 'form', key: string): FieldPath | null {
  if (step.kind !== 'http') return null;
  const index = indexOfRow(step[record], key);
  return index >= 0 ? [record, index, 'name'] : null;
}

/** The step-relative field for the rest of a step path (`url`, `assert.0.value`, `headers.X-Trace`). */
function stepFieldOf(step: StepFormValues, rest: readonly string[]): FieldPath | null {
  const [head, second, third] = rest;
  if (head === undefined) return null;
  if (head === 'headers' || head === 'form') {
    return rest.length > 1 ? recordRowField(step, head, rest.slice(1).join('.')) : null;
  }
  if (head === 'json') return step.kind === 'http' ? ['jsonText'] : null;
  if (head === 'body') return bodyField(step);
  if (head === 'expectAnswers') return step.kind === 'dns' ? ['expectAnswers'] : null;
  if (isRowTable(head)) {
    const index = indexOf(second);
    return index !== null && third !== undefined && ROW_FIELDS[head].includes(third)
      ? [head, index, third]
      : null;
  }
  if (isNestedObject(head)) {
    // A problem with the auth object as a whole (a missing type) belongs to the type switch.
    if (head === 'auth' && second === undefined) return ['auth', 'type'];
    return second !== undefined && OBJECT_FIELDS[head].includes(second) ? [head, second] : null;
  }
  return rest.length === 1 && PLAIN_STEP_FIELDS[step.kind].includes(head) ? [head] : null;
}

/**
 * The form field an API or schema issue path belongs to: `name` → name, `steps.1.url` → that step's URL,
 * `steps.0.headers.X` → that header's row, `variables.phone` → that variable's row, `locations.1` → the locations
 * select; null for paths the form has no field for (`steps`, `steps.2.kind`), which then show in the summary only.
 */
export function fieldOfIssuePath(path: string, values: CheckFormValues): FieldPath | null {
  const [head, second, ...rest] = path.split('.');
  if (head === 'variables') {
    const index = second === undefined ? -1 : indexOfRow(values.variables, [second, ...rest].join('.'));
    return index >= 0 ? ['variables', index, 'name'] : null;
  }
  if (head !== 'steps') return head !== undefined && TOP_LEVEL_FIELDS.has(head) ? [head] : null;
  const stepIndex = indexOf(second);
  const step = stepIndex === null ? undefined : values.steps[stepIndex];
  if (stepIndex === null || !step) return null;
  const field = stepFieldOf(step, rest);
  return field ? ['steps', stepIndex, ...field] : null;
}

/** The step an API path is about (`steps.2.kind` → 2), or null. */
export function stepIndexOfIssuePath(path: string): number | null {
  const [head, second] = path.split('.');
  return head === 'steps' ? indexOf(second) : null;
}

type SchemaIssue = NonNullable<ReturnType<typeof checkInputSchema.safeParse>['error']>['issues'][number];

/** Fields whose every problem has one clear explanation, by field pattern (list indexes as `*`). */
const FIELD_MESSAGES: Readonly<Record<string, MessageKey>> = {
  'steps.*.url': 'validation.url',
  'steps.*.actions.*.url': 'validation.url',
  'steps.*.expectStatus': 'validation.expectStatus',
  'steps.*.headers.*.name': 'validation.headerName',
  'steps.*.host': 'validation.host',
  'steps.*.query': 'validation.host',
  'steps.*.servername': 'validation.host',
  'steps.*.resolver': 'validation.resolver',
  'steps.*.jsonText': 'validation.json',
  'steps.*.extract.*.variable': 'validation.variableName',
  'variables.*.name': 'validation.variableName',
  business: 'validation.code',
  channel: 'validation.code',
  region: 'validation.code',
  locations: 'validation.code',
};

function patternOf(field: FieldPath): string {
  return field.map((segment) => (typeof segment === 'number' ? '*' : segment)).join('.');
}

function valueAt(values: CheckFormValues, field: FieldPath): unknown {
  let value: unknown = values;
  for (const segment of field) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Messages for list-level problems that have no field of their own. */
const LIST_MESSAGES: Readonly<Record<string, MessageKey>> = {
  steps: 'validation.noSteps',
  'steps.*.actions': 'validation.noActions',
};

interface IssueContext {
  readonly values: CheckFormValues;
  readonly t: Translate;
}

/** A schema issue in the user's language; unusual issues keep the schema's own (English) message. */
function describeIssue(issue: SchemaIssue, field: FieldPath | null, { values, t }: IssueContext): string {
  if (field === null) {
    const pattern = issue.path
      .map((segment) => (typeof segment === 'number' ? '*' : String(segment)))
      .join('.');
    const listKey = LIST_MESSAGES[pattern];
    return listKey ? t(listKey) : issue.message;
  }
  if (isEmpty(valueAt(values, field))) return t('validation.required');
  const fieldKey = FIELD_MESSAGES[patternOf(field)];
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

function placeIssue(path: string, message: string, values: CheckFormValues): FormIssue {
  return { path, field: fieldOfIssuePath(path, values), stepIndex: stepIndexOfIssuePath(path), message };
}

/** Validates the API input exactly as the server's schema will, placing issues on form fields. */
export function validateCheckInput(input: unknown, context: IssueContext): FormIssue[] {
  const result = checkInputSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const placed = placeIssue(path, '', context.values);
    return { ...placed, message: describeIssue(issue, placed.field, context) };
  });
}

/** What only the form can know is wrong: text that must parse before it becomes input (a JSON body). */
export function findFormOnlyIssues(values: CheckFormValues, t: Translate): FormIssue[] {
  return (values.steps ?? []).flatMap((step, index): FormIssue[] => {
    if (step.kind !== 'http' || step.bodyType !== 'json' || isBodylessMethod(step.method)) return [];
    if (parseJsonText(step.jsonText).ok) return [];
    return [
      {
        path: `steps.${index}.json`,
        field: ['steps', index, 'jsonText'],
        stepIndex: index,
        message: t('validation.json'),
      },
    ];
  });
}

/** The input for the editor's values and every problem the console can find before sending it. */
export function checkFormValues(
  values: CheckFormValues,
  context: { t: Translate },
): { input: CheckInputRaw; issues: FormIssue[] } {
  const input = toCheckInput(values);
  const issues = [
    ...findFormOnlyIssues(values, context.t),
    ...validateCheckInput(input, { values, t: context.t }),
  ];
  return { input, issues };
}

/** A step kind the chosen locations cannot run (`steps.2.kind`, from the server's check of their agents). */
const UNSUPPORTED_KIND_PATH = /^steps\.(\d+)\.kind$/;

/**
 * Places the server's `details` the same way, each in the reader's language (by its code and params, else as the
 * server wrote it). The form has no field for a step's kind (it is fixed when the step is added), so a kind refused
 * where the check runs is shown under the locations, the field that fixes it.
 */
export function issuesFromDetails(
  details: readonly FieldIssue[],
  values: CheckFormValues,
  t: Translate,
): FormIssue[] {
  return details.map((detail) => {
    const message = describeServerIssue(detail, t);
    const kindAt = UNSUPPORTED_KIND_PATH.exec(detail.path);
    if (!kindAt) return placeIssue(detail.path, message, values);
    return { path: detail.path, field: ['locations'], stepIndex: Number(kindAt[1]), message };
  });
}
