import { transactionRecordSchema, type TransactionRecord } from '@ganzhi/contracts';

/**
 * NUL and every UTF-16 surrogate half. A string without any is storable text as `safeText` defines it; a string with
 * one (paired surrogates included: emoji are fine, but rare) is left to the schema, which tells the two apart.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is looked for
const MAYBE_UNSTORABLE = /[\u0000\uD800-\uDFFF]/;

const timeSchema = transactionRecordSchema.shape.time;

type Fields = Record<string, unknown>;

/** A trimmed dimension value, identifier, outcome or error class of 1…`max` characters; undefined: ask the schema. */
function trimmedText(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || MAYBE_UNSTORABLE.test(value)) return undefined;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= max ? trimmed : undefined;
}

/** The epoch ms of a record's `time` as the schema reads it; undefined: ask the schema. */
function timeOf(value: unknown): number | string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // The ISO form's rules (offset required, calendar-checked dates) are the schema's own: one field, not the object.
  return timeSchema.safeParse(value).success ? value : undefined;
}

const ABSENT = Symbol('absent');

/** An optional text field: ABSENT when missing, the trimmed text when well formed, undefined otherwise. */
function optionalText(value: unknown, max: number): string | typeof ABSENT | undefined {
  return value === undefined ? ABSENT : trimmedText(value, max);
}

const OPTIONAL_FIELDS = [
  ['system', 128],
  ['host', 128],
  ['clerkId', 128],
  ['terminalId', 128],
  ['segment', 128],
  ['customerId', 128],
  ['errorClass', 64],
] as const;

/**
 * Reads a record that is plainly well formed without running the object schema, whose per-object cost dominated
 * ingestion (about 6 µs a record, as much as everything else together). The checks are the schema's own, written
 * out for the common case; anything else — a wrong type, an out-of-range number, a NUL or a surrogate, a missing
 * field — returns undefined and the caller asks `transactionRecordSchema`, so a bad record gets exactly the
 * schema's reasons. What this accepts, the schema accepts with the same output (the test compares them).
 */
export function readWellFormedRecord(raw: unknown): TransactionRecord | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const fields = raw as Fields;
  const time = timeOf(fields.time);
  const business = trimmedText(fields.business, 128);
  const channel = trimmedText(fields.channel, 128);
  const region = trimmedText(fields.region, 128);
  const outcome = trimmedText(fields.outcome, 64);
  const latencyMs = fields.latencyMs;
  if (
    time === undefined ||
    business === undefined ||
    channel === undefined ||
    region === undefined ||
    outcome === undefined ||
    typeof latencyMs !== 'number' ||
    !(latencyMs >= 0 && latencyMs <= 86_400_000)
  )
    return undefined;
  const record: { -readonly [K in keyof TransactionRecord]: TransactionRecord[K] } = {
    time,
    business,
    channel,
    region,
    latencyMs,
    outcome,
  };
  for (const [name, max] of OPTIONAL_FIELDS) {
    const value = optionalText(fields[name], max);
    if (value === undefined) return undefined;
    if (value !== ABSENT) record[name] = value;
  }
  const externalId = fields.externalId;
  if (externalId !== undefined) {
    if (
      typeof externalId !== 'string' ||
      externalId.length < 1 ||
      externalId.length > 200 ||
      MAYBE_UNSTORABLE.test(externalId)
    )
      return undefined;
    record.externalId = externalId;
  }
  return record;
}
