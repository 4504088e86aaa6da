import type { RegionScope } from '../dimensions/index.js';
import { createHmac } from 'node:crypto';
import { transactionRecordSchema, type DimensionKind, type RejectedRecord } from '@ganzhi/contracts';
import type { DimensionResolver } from '../dimensions/index.js';

/** How customer ids are kept when raw records are stored: hashed (default), as sent, or not at all. */
export type CustomerIdPolicy = 'hash' | 'keep' | 'drop';

/** A valid record with its dimension values resolved to codes and its time in epoch ms. */
export interface NormalisedRecord {
  /** Position of the record in the request, for error reports. */
  readonly index: number;
  readonly timeMs: number;
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly segment: string | null;
  readonly system: string | null;
  readonly host: string | null;
  readonly clerkId: string | null;
  readonly terminalId: string | null;
  readonly customer: string | null;
  readonly latencyMs: number;
  readonly outcome: string;
  readonly failed: boolean;
  readonly errorClass: string | null;
  readonly externalId: string | null;
}

export interface NormaliseOptions {
  readonly resolver: DimensionResolver;
  readonly nowMs: number;
  /** Records older than this are refused: their minute rollups are already past retention. */
  readonly oldestMs: number;
  /** Records further ahead than this are refused as a broken clock at the source. */
  readonly maxFutureMs: number;
  readonly customerIds: CustomerIdPolicy;
  /** Key of the customer-id hash (GANZHI_CUSTOMER_ID_KEY). */
  readonly customerIdKey: string;
  /** The sender's regions (a token bound to cities): records of other regions are refused. */
  readonly regionScope?: RegionScope;
}

/** A record that could not be parsed at all (a bad NDJSON line) keeps its place with the reason. */
export interface UnparsedRecord {
  readonly unparsed: string;
}

export function isUnparsed(value: unknown): value is UnparsedRecord {
  return (
    typeof value === 'object' && value !== null && 'unparsed' in value && Object.keys(value).length === 1
  );
}

const HINT = 'add it to the dimensions or map it with an alias';

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/** Keyed, so a stored hash cannot be reversed by hashing every phone number; the same id always maps to the same hash. */
function hashCustomer(customerId: string, key: string): string {
  return createHmac('sha256', key).update(customerId).digest('base64url').slice(0, 22);
}

/**
 * Validates every record and maps its dimension values to codes. Each bad record is reported with its index and
 * reason; the good ones are returned, so one bad record never costs the batch.
 */
export function normaliseRecords(
  input: readonly unknown[],
  options: NormaliseOptions,
): { records: NormalisedRecord[]; rejected: RejectedRecord[] } {
  const records: NormalisedRecord[] = [];
  const rejected: RejectedRecord[] = [];
  input.forEach((raw, index) => {
    if (isUnparsed(raw)) {
      rejected.push({ index, reason: raw.unparsed });
      return;
    }
    const parsed = transactionRecordSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, reason: parsed.error.issues.slice(0, 3).map(describeIssue).join('; ') });
      return;
    }
    const record = parsed.data;
    const timeMs = typeof record.time === 'number' ? record.time : Date.parse(record.time);
    if (timeMs < options.oldestMs) {
      rejected.push({ index, reason: 'time: older than the minute-rollup retention' });
      return;
    }
    if (timeMs > options.nowMs + options.maxFutureMs) {
      rejected.push({ index, reason: 'time: in the future (check the source clock)' });
      return;
    }
    const codes: Partial<Record<DimensionKind, string | null>> = {};
    for (const kind of ['business', 'channel', 'region', 'segment', 'system'] as const) {
      const value = record[kind];
      if (value === undefined) {
        codes[kind] = null;
        continue;
      }
      const code = options.resolver.resolve(kind, value);
      if (code === undefined) {
        rejected.push({ index, reason: `${kind}: unknown ${kind} "${value}" (${HINT})` });
        return;
      }
      codes[kind] = code;
    }
    const scope = options.regionScope;
    if (scope && !scope.isAll && !scope.includes(codes.region)) {
      rejected.push({
        index,
        reason: `region: ${codes.region ?? '(none)'} is outside this sender's scope (${scope.roots.join(', ')})`,
      });
      return;
    }
    const outcome = record.outcome;
    records.push({
      index,
      timeMs,
      business: codes.business ?? '',
      channel: codes.channel ?? '',
      region: codes.region ?? '',
      segment: codes.segment ?? null,
      system: codes.system ?? null,
      host: record.host ?? null,
      clerkId: record.clerkId ?? null,
      terminalId: record.terminalId ?? null,
      customer:
        record.customerId === undefined || options.customerIds === 'drop'
          ? null
          : options.customerIds === 'hash'
            ? hashCustomer(record.customerId, options.customerIdKey)
            : record.customerId,
      latencyMs: record.latencyMs,
      outcome,
      failed: outcome.toLowerCase() !== 'ok',
      errorClass: record.errorClass ?? null,
      externalId: record.externalId ?? null,
    });
  });
  return { records, rejected };
}

/** The series a record counts in: one per service (business × channel) × region × segment. */
export function transactionSeriesKey(
  record: Pick<NormalisedRecord, 'business' | 'channel' | 'region' | 'segment'>,
) {
  return `tx|${record.business}|${record.channel}|${record.region}|${record.segment ?? ''}`;
}
