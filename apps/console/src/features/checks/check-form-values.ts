import type { Check, CheckInputRaw, HttpMethod, HttpStepInput } from '@ganzhi/contracts';

export interface HeaderRow {
  readonly name?: string;
  readonly value?: string;
}

/**
 * What the check form edits: the check's own fields and its HTTP step, flattened so each input has one name.
 * Number inputs hold null when empty (antd's InputNumber); optional selects hold null or undefined when cleared.
 */
export interface CheckFormValues {
  readonly name: string;
  readonly description?: string;
  readonly enabled: boolean;
  readonly intervalSeconds: number | null;
  readonly tags: string[];
  readonly business?: string | null;
  readonly channel?: string | null;
  readonly region?: string | null;
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: HeaderRow[];
  readonly body?: string;
  readonly timeoutMs: number | null;
  /** "200" or "2xx": one text input for both forms the schema accepts. */
  readonly expectStatus: string;
  readonly bodyContains?: string;
  readonly maxLatencyMs: number | null;
  readonly insecureTls: boolean;
}

export type CheckFormField = keyof CheckFormValues;

/** Defaults match checkInputSchema's, so an untouched field means what the server would assume. */
export const NEW_CHECK_VALUES: CheckFormValues = {
  name: '',
  enabled: true,
  intervalSeconds: 60,
  tags: [],
  business: null,
  channel: null,
  region: null,
  method: 'GET',
  url: '',
  headers: [],
  timeoutMs: 10_000,
  expectStatus: '2xx',
  maxLatencyMs: null,
  insecureTls: false,
};

/** Methods whose requests carry no body in practice; the form hides the body field for them. */
export function isBodylessMethod(method: HttpMethod): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The form's view of an existing check (its first step, which is the HTTP step the form edits). */
export function toFormValues(check: Check): CheckFormValues {
  const step = check.steps[0];
  return {
    name: check.name,
    description: check.description,
    enabled: check.enabled,
    intervalSeconds: check.intervalSeconds,
    tags: [...check.tags],
    business: check.business,
    channel: check.channel,
    region: check.region,
    method: step?.method ?? 'GET',
    url: step?.url ?? '',
    headers: Object.entries(step?.headers ?? {}).map(([name, value]) => ({ name, value })),
    body: step?.body,
    timeoutMs: step?.timeoutMs ?? null,
    expectStatus: String(step?.expectStatus ?? '2xx'),
    bodyContains: step?.bodyContains,
    maxLatencyMs: step?.maxLatencyMs ?? null,
    insecureTls: step?.insecureTls ?? false,
  };
}

function textOrUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function numberOrUndefined(value: number | null): number | undefined {
  return value ?? undefined;
}

/** Digits become a number (the exact-code form); anything else stays text for the schema to judge ("2xx"). */
function toExpectStatus(value: string): HttpStepInput['expectStatus'] {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Rows with a name become headers; a later duplicate replaces an earlier one, as in a record. */
function toHeaders(rows: readonly HeaderRow[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const row of rows) {
    const name = row.name?.trim();
    if (name) headers[name] = row.value ?? '';
  }
  return headers;
}

function toHttpStep(values: CheckFormValues, previous: HttpStepInput | undefined): HttpStepInput {
  return {
    kind: 'http',
    name: previous?.name,
    method: values.method,
    url: values.url.trim(),
    headers: toHeaders(values.headers),
    body: isBodylessMethod(values.method) ? undefined : values.body || undefined,
    timeoutMs: numberOrUndefined(values.timeoutMs),
    expectStatus: toExpectStatus(values.expectStatus),
    bodyContains: values.bodyContains || undefined,
    maxLatencyMs: numberOrUndefined(values.maxLatencyMs),
    insecureTls: values.insecureTls,
  };
}

/**
 * The API input for the form's values. Editing keeps what the form does not show (locations, further steps),
 * because PUT replaces the whole check.
 */
export function toCheckInput(values: CheckFormValues, existing?: Check): CheckInputRaw {
  const [firstStep, ...laterSteps] = existing?.steps ?? [];
  return {
    name: values.name,
    description: textOrUndefined(values.description),
    enabled: values.enabled,
    intervalSeconds: numberOrUndefined(values.intervalSeconds),
    tags: values.tags.map((tag) => tag.trim()).filter((tag) => tag !== ''),
    business: values.business ?? null,
    channel: values.channel ?? null,
    region: values.region ?? null,
    locations: existing?.locations,
    steps: [toHttpStep(values, firstStep), ...laterSteps],
  };
}
