import type { Assertion, Comparison, Extraction, StepKind } from '@ganzhi/contracts';

export type ExtractSource = Extraction['from'];
export type AssertSubject = Assertion['subject'];

/** One row of a step's "Extract" table. */
export interface ExtractRow {
  readonly variable: string;
  readonly from: ExtractSource;
  readonly expression: string;
  readonly secret: boolean;
}

/** One row of a step's "Assertions" table; the value is text (the probe compares as text, or as numbers). */
export interface AssertRow {
  readonly subject: AssertSubject;
  readonly expression: string;
  readonly comparison: Comparison;
  readonly value: string;
  /**
   * The type the value had in the definition (`value: 200`), kept without a field of its own so an unchanged row
   * is written back as it was read (`ganzhi export`, the YAML view) instead of turning into text.
   */
  readonly valueType?: 'number' | 'boolean';
}

/**
 * What each kind can extract and assert on. The probes' save-time validation (`validateFlow`) is the judge; this
 * only keeps the selects from offering what would be rejected (a cookie on a DNS step, a CSS selector on HTTP).
 */
export const RULE_SOURCES: Readonly<
  Record<StepKind, { extract: readonly ExtractSource[]; assert: readonly AssertSubject[] }>
> = {
  http: {
    extract: ['jsonPath', 'regex', 'header', 'cookie', 'status'],
    assert: ['status', 'jsonPath', 'body', 'header', 'latencyMs'],
  },
  browser: { extract: ['css', 'regex'], assert: ['text', 'element', 'body', 'latencyMs'] },
  tcp: { extract: ['regex', 'jsonPath'], assert: ['body', 'jsonPath', 'latencyMs'] },
  dns: { extract: ['regex', 'jsonPath'], assert: ['body', 'jsonPath', 'latencyMs'] },
  tls: { extract: [], assert: ['latencyMs'] },
  wait: { extract: [], assert: [] },
};

/** Subjects and sources that are a value on their own, without an expression (a header name, a JSONPath). */
const WITHOUT_EXPRESSION: ReadonlySet<string> = new Set(['status', 'body', 'latencyMs']);

export function needsExpression(source: ExtractSource | AssertSubject): boolean {
  return !WITHOUT_EXPRESSION.has(source);
}

/** Comparisons that only look at presence, so the row has no value. */
export function needsValue(comparison: Comparison): boolean {
  return comparison !== 'exists' && comparison !== 'notExists';
}

export function newExtractRow(kind: StepKind): ExtractRow {
  return { variable: '', from: RULE_SOURCES[kind].extract[0] ?? 'regex', expression: '', secret: false };
}

export function newAssertRow(kind: StepKind): AssertRow {
  return {
    subject: RULE_SOURCES[kind].assert[0] ?? 'latencyMs',
    expression: '',
    comparison: 'equals',
    value: '',
  };
}

export function toExtractRows(extract: readonly Extraction[]): ExtractRow[] {
  return extract.map((rule) => ({ ...rule }));
}

function valueTypeOf(value: Assertion['value']): AssertRow['valueType'] {
  if (typeof value === 'number') return 'number';
  return typeof value === 'boolean' ? 'boolean' : undefined;
}

export function toAssertRows(assert: readonly Assertion[]): AssertRow[] {
  return assert.map((rule) => {
    const valueType = valueTypeOf(rule.value);
    return {
      subject: rule.subject,
      expression: rule.expression,
      comparison: rule.comparison,
      value: rule.value === undefined ? '' : String(rule.value),
      ...(valueType ? { valueType } : {}),
    };
  });
}

/** The row's text as the type it was read with, while it still reads as one; text otherwise. */
function typedValue(row: AssertRow): Assertion['value'] {
  const text = row.value ?? '';
  if (row.valueType === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (row.valueType === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/** Every row is sent, even a half-filled one, so its problem shows under its cells instead of vanishing. */
export function toExtractions(rows: readonly ExtractRow[] | undefined): Extraction[] {
  return (rows ?? []).map((row) => ({
    variable: (row.variable ?? '').trim(),
    from: row.from,
    expression: needsExpression(row.from) ? (row.expression ?? '').trim() : '',
    secret: row.secret ?? false,
  }));
}

export function toAssertions(rows: readonly AssertRow[] | undefined): Assertion[] {
  return (rows ?? []).map((row) => ({
    subject: row.subject,
    expression: needsExpression(row.subject) ? (row.expression ?? '').trim() : '',
    comparison: row.comparison,
    // Not trimmed: " OK" and "OK" differ for `contains`.
    value: needsValue(row.comparison) ? typedValue(row) : undefined,
  }));
}
