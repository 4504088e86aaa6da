import { transactionRecordSchema, type TransactionRecord } from '@ganzhi/contracts';
import type { Clock, Logger } from '@ganzhi/runtime';
import { parseLogTime } from './parse-log-time.js';
import { RECORD_FIELDS, type RecordField, type TailSource } from './tail-config.js';

export type ParsedLine =
  { readonly ok: true; readonly record: TransactionRecord } | { readonly ok: false; readonly reason: string };

type SourceFields = Readonly<Record<string, unknown>>;

/** `key=value key2="quoted \"value\""` → fields; a key without `=` is a flag set to `true`. */
export function parseLogfmt(line: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    const keyStart = i;
    while (i < line.length && line[i] !== '=' && line[i] !== ' ' && line[i] !== '\t') i++;
    const key = line.slice(keyStart, i);
    if (line[i] !== '=') {
      if (key) fields[key] = 'true';
      continue;
    }
    i++;
    let value = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        value += line[i];
        i++;
      }
      i++;
    } else {
      const valueStart = i;
      while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
      value = line.slice(valueStart, i);
    }
    if (key) fields[key] = value;
  }
  return fields;
}

function lookup(fields: SourceFields, name: string): unknown {
  if (name in fields) return fields[name];
  // JSON logs nest (`{"req": {"ms": 12}}`): a dotted name walks into objects.
  let value: unknown = fields;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function extract(source: TailSource, line: string): SourceFields | string {
  switch (source.format) {
    case 'json': {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return 'not JSON';
      }
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as SourceFields)
        : 'not a JSON object';
    }
    case 'logfmt': {
      const fields = parseLogfmt(line);
      return Object.keys(fields).length > 0 ? fields : 'no key=value pairs';
    }
    case 'regex': {
      const match = source.pattern?.exec(line);
      return match ? match.groups : 'does not match the pattern';
    }
  }
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).trim();
  return text === '' ? undefined : text;
}

function toLatencyMs(value: unknown, unit: TailSource['latencyUnit']): number | string {
  const number = typeof value === 'number' ? value : Number(asText(value) ?? Number.NaN);
  if (!Number.isFinite(number)) return `latencyMs: "${String(value)}" is not a number`;
  // Three decimals: seconds with a fraction (0.123 s) become whole-µs milliseconds, not 122.99999 ms.
  return unit === 's' ? Math.round(number * 1_000_000) / 1000 : number;
}

function describeIssue(issue: { path: readonly PropertyKey[]; message: string }): string {
  return `${issue.path.map(String).join('.') || 'record'}: ${issue.message}`;
}

/**
 * Turns one log line of a source into a transaction record: extract the source's fields (json, logfmt or regex
 * groups), map them to record fields (a record field not mapped reads the source field of the same name), apply
 * constants, parse the time in the source's layout and zone, scale latency, map ok values to `ok`, and validate the
 * result with the shared record schema. Never throws: a line that does not fit is a reason.
 */
export function createLineParser(source: TailSource): (line: string) => ParsedLine {
  const okValues = new Set(source.okValues);
  const sourceName = (field: RecordField): string => source.fields[field] ?? field;
  return (line) => {
    const fields = extract(source, line);
    if (typeof fields === 'string') return { ok: false, reason: fields };
    const valueOf = (field: RecordField): unknown =>
      source.constants[field] ?? lookup(fields, sourceName(field));
    const record: Record<string, unknown> = {};
    for (const field of RECORD_FIELDS) {
      if (field === 'time' || field === 'latencyMs') continue;
      const text = asText(valueOf(field));
      if (text !== undefined) record[field] = text;
    }
    const time = parseLogTime(valueOf('time'), source.time);
    if (typeof time === 'string') return { ok: false, reason: time };
    record.time = time;
    const latency = valueOf('latencyMs');
    if (latency === undefined || latency === null || latency === '')
      return { ok: false, reason: 'latencyMs: missing' };
    const latencyMs = toLatencyMs(latency, source.latencyUnit);
    if (typeof latencyMs === 'string') return { ok: false, reason: latencyMs };
    record.latencyMs = latencyMs;
    if (typeof record.outcome === 'string' && okValues.has(record.outcome)) record.outcome = 'ok';
    const parsed = transactionRecordSchema.safeParse(record);
    if (!parsed.success)
      return { ok: false, reason: parsed.error.issues.slice(0, 3).map(describeIssue).join('; ') };
    return { ok: true, record: parsed.data };
  };
}

const EXAMPLE_CHARS = 300;

/**
 * Counts lines of a source that did not parse and keeps the last one as an example. Logs at most once per
 * `intervalMs` (a broken format would otherwise log every line); `flush()` logs what is pending once due.
 */
export class ParseErrorTally {
  readonly #deps: { readonly source: string; readonly logger: Logger; readonly clock: Clock };
  readonly #intervalMs: number;
  #total = 0;
  #pending = 0;
  #lastLoggedAtMs = Number.NEGATIVE_INFINITY;
  #last: { readonly line: string; readonly reason: string } | null = null;

  constructor(
    deps: { readonly source: string; readonly logger: Logger; readonly clock: Clock },
    intervalMs = 60_000,
  ) {
    this.#deps = deps;
    this.#intervalMs = intervalMs;
  }

  get total(): number {
    return this.#total;
  }

  get last(): { readonly line: string; readonly reason: string } | null {
    return this.#last;
  }

  add(line: string, reason: string): void {
    this.#total += 1;
    this.#pending += 1;
    this.#last = { line: line.length > EXAMPLE_CHARS ? `${line.slice(0, EXAMPLE_CHARS)}…` : line, reason };
    this.flush();
  }

  flush(): void {
    const now = this.#deps.clock.now();
    if (this.#pending === 0 || now - this.#lastLoggedAtMs < this.#intervalMs) return;
    this.#deps.logger.warn(
      {
        source: this.#deps.source,
        skippedLines: this.#pending,
        totalSkipped: this.#total,
        example: this.#last?.line,
        reason: this.#last?.reason,
      },
      'log lines that do not parse were skipped',
    );
    this.#pending = 0;
    this.#lastLoggedAtMs = now;
  }
}
