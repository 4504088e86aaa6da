import { zoneOffsetMs } from '@ganzhi/quality';
import { transactionRecordSchema, type TransactionRecord } from '@ganzhi/contracts';

/** The record fields a CSV column can fill. */
export const IMPORT_FIELDS = [
  'time',
  'business',
  'channel',
  'region',
  'system',
  'host',
  'clerkId',
  'terminalId',
  'segment',
  'customerId',
  'latencyMs',
  'outcome',
  'errorClass',
  'externalId',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const REQUIRED: readonly ImportField[] = ['time', 'business', 'channel', 'region', 'latencyMs', 'outcome'];

/** Which column fills each field. */
export type ColumnMapping = Readonly<Partial<Record<ImportField, string>>>;

export class MappingError extends Error {
  override readonly name = 'MappingError';
}

/**
 * Resolves `--map field=column` options against the file's header: explicit mappings first, then any column named
 * like a field (case-insensitive, `latency_ms` = `latencyMs`). Throws a MappingError naming every problem at once:
 * unknown fields, columns not in the header (listing the header), required fields left unmapped.
 */
export function resolveMapping(header: readonly string[], maps: readonly string[]): ColumnMapping {
  const problems: string[] = [];
  const mapping: Partial<Record<ImportField, string>> = {};
  const normalise = (name: string) => name.toLowerCase().replace(/[_\s-]/g, '');
  for (const map of maps) {
    const [field, ...rest] = map.split('=');
    const column = rest.join('=');
    if (!field || !column) {
      problems.push(`--map ${map}: write field=column`);
      continue;
    }
    const known = IMPORT_FIELDS.find((candidate) => normalise(candidate) === normalise(field));
    if (!known) problems.push(`--map ${map}: unknown field "${field}" (fields: ${IMPORT_FIELDS.join(', ')})`);
    else if (!header.includes(column))
      problems.push(`--map ${map}: no column "${column}" in the header (columns: ${header.join(', ')})`);
    else mapping[known] = column;
  }
  for (const field of IMPORT_FIELDS) {
    if (mapping[field]) continue;
    const column = header.find((name) => normalise(name) === normalise(field));
    if (column) mapping[field] = column;
  }
  const missing = REQUIRED.filter((field) => !mapping[field]);
  if (missing.length > 0)
    problems.push(
      `no column for ${missing.join(', ')}: name the columns with --map field=column (columns: ${header.join(', ')})`,
    );
  if (problems.length > 0) throw new MappingError(problems.join('\n'));
  return mapping;
}

export interface RowOptions {
  /** Zone of times written without an offset ("2026-11-30 09:15:00"). */
  readonly timeZone: string;
  /** Outcome values meaning success (compared case-insensitively), written as `ok`. */
  readonly okValues: readonly string[];
  /** Unit of the latency column. */
  readonly latencyUnit: 'ms' | 's';
}

const LOCAL_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/** A time cell as epoch ms: ISO 8601 with an offset, epoch seconds or ms, or a local time in `timeZone`. */
export function parseTime(text: string, timeZone: string): number | null {
  const value = text.trim();
  if (/^\d{10}$/.test(value)) return Number(value) * 1000;
  if (/^\d{13}$/.test(value)) return Number(value);
  const local = LOCAL_TIME.exec(value);
  if (local) {
    const [, year, month, day, hour, minute, second, millis] = local.map((part) => Number(part ?? 0));
    const wall = Date.UTC(
      year ?? 0,
      (month ?? 1) - 1,
      day ?? 1,
      hour ?? 0,
      minute ?? 0,
      second ?? 0,
      millis ?? 0,
    );
    // The zone's offset at that instant (re-checked once, for a wall time just after a clock change).
    const first = wall - zoneOffsetMs(wall, timeZone);
    return wall - zoneOffsetMs(first, timeZone);
  }
  if (/[zZ]|[+-]\d{2}:?\d{2}$/.test(value)) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

export type RowResult =
  { readonly ok: true; readonly record: TransactionRecord } | { readonly ok: false; readonly reason: string };

/** One CSV row to a transaction record, or the reason it cannot be one (checked before anything is sent). */
export function rowToRecord(
  row: Readonly<Record<string, string | undefined>>,
  context: { readonly mapping: ColumnMapping; readonly options: RowOptions },
): RowResult {
  const { mapping, options } = context;
  const cell = (field: ImportField) => {
    const column = mapping[field];
    const value = column === undefined ? undefined : row[column]?.trim();
    return value === '' ? undefined : value;
  };
  const problems: string[] = [];
  const timeText = cell('time');
  const time = timeText === undefined ? null : parseTime(timeText, options.timeZone);
  if (time === null)
    problems.push(timeText === undefined ? 'time is empty' : `time "${timeText}" is not a date and time`);
  const latencyText = cell('latencyMs');
  const latency = latencyText === undefined ? Number.NaN : Number(latencyText.replace(/,/g, ''));
  if (!Number.isFinite(latency) || latency < 0)
    problems.push(
      latencyText === undefined ? 'latency is empty' : `latency "${latencyText}" is not a number ≥ 0`,
    );
  for (const field of ['business', 'channel', 'region', 'outcome'] as const)
    if (cell(field) === undefined) problems.push(`${field} is empty`);
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const outcome = cell('outcome') ?? '';
  const isOk = options.okValues.some((value) => value.toLowerCase() === outcome.toLowerCase());
  const optional = Object.fromEntries(
    (
      [
        'system',
        'host',
        'clerkId',
        'terminalId',
        'segment',
        'customerId',
        'errorClass',
        'externalId',
      ] as const
    )
      .map((field) => [field, cell(field)] as const)
      .filter((entry) => entry[1] !== undefined),
  );
  // The shared schema catches what the server would refuse anyway (a latency over a day, a value too long), so a
  // dry run reports it too; dimension values can only be resolved by the server (aliases).
  const parsed = transactionRecordSchema.safeParse({
    ...optional,
    time: time ?? 0,
    business: cell('business') ?? '',
    channel: cell('channel') ?? '',
    region: cell('region') ?? '',
    latencyMs: options.latencyUnit === 's' ? latency * 1000 : latency,
    outcome: isOk ? 'ok' : outcome,
  });
  if (parsed.success) return { ok: true, record: parsed.data };
  return {
    ok: false,
    reason: parsed.error.issues
      .map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`)
      .join('; '),
  };
}
