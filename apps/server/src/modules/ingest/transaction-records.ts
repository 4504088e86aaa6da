import type { RegionScope } from '../dimensions/index.js';
import { createHmac } from 'node:crypto';
import {
  transactionRecordSchema,
  type DimensionKind,
  type RejectedRecord,
  type TransactionRecord,
} from '@ganzhi/contracts';
import type { DimensionResolver } from '../dimensions/index.js';
import { tooOldRefusal, type RecordRefusal } from './record-refusals.js';
import { readWellFormedRecord } from './transaction-record-fast-path.js';

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
  /** The series the record counts in (`transactionSeriesKey`). */
  readonly seriesKey: string;
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
  /** The minute-rollup retention `oldestMs` follows from, in days, named in the refusal. */
  readonly minuteRetentionDays: number;
  /** Records further ahead than this are refused as a broken clock at the source. */
  readonly maxFutureMs: number;
  readonly customerIds: CustomerIdPolicy;
  /** Key of the customer-id hash (GANZHI_CUSTOMER_ID_KEY). */
  readonly customerIdKey: string;
  /** The sender's regions (a token bound to cities): records of other regions are refused. */
  readonly regionScope?: RegionScope;
}

/** Options of one call of the normaliser: the caller's, and the series keys of its resolver. */
interface NormaliseContext extends NormaliseOptions {
  readonly seriesKeys: SeriesKeys;
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

type Verdict = { readonly record: NormalisedRecord } | RecordRefusal;

/** The schema's reading of a record: the fast path for well-formed ones, the schema itself (and its reasons) otherwise. */
function parseRecord(raw: unknown): TransactionRecord | string {
  const fast = readWellFormedRecord(raw);
  if (fast) return fast;
  const parsed = transactionRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : parsed.error.issues.slice(0, 3).map(describeIssue).join('; ');
}

function customerOf(customerId: string | undefined, options: NormaliseOptions): string | null {
  if (customerId === undefined || options.customerIds === 'drop') return null;
  return options.customerIds === 'hash' ? hashCustomer(customerId, options.customerIdKey) : customerId;
}

const unknownValue = (kind: DimensionKind, value: string | undefined): Verdict => ({
  reason: `${kind}: unknown ${kind} "${value ?? ''}" (${HINT})`,
});

/** The code of an optional dimension value: null when the record has none, undefined when it is unknown. */
function optionalCode(resolver: DimensionResolver, kind: DimensionKind, value: string | undefined) {
  return value === undefined ? null : resolver.resolve(kind, value);
}

function normaliseRecord(raw: unknown, index: number, options: NormaliseContext): Verdict {
  if (isUnparsed(raw)) return { reason: raw.unparsed };
  const record = parseRecord(raw);
  if (typeof record === 'string') return { reason: record };
  const timeMs = typeof record.time === 'number' ? record.time : Date.parse(record.time);
  if (timeMs < options.oldestMs)
    return tooOldRefusal({ days: options.minuteRetentionDays, oldestMs: options.oldestMs });
  if (timeMs > options.nowMs + options.maxFutureMs)
    return { reason: 'time: in the future (check the source clock)' };
  // In this order, so the first unknown value is the one reported.
  const { resolver } = options;
  const business = resolver.resolve('business', record.business);
  if (business === undefined) return unknownValue('business', record.business);
  const channel = resolver.resolve('channel', record.channel);
  if (channel === undefined) return unknownValue('channel', record.channel);
  const region = resolver.resolve('region', record.region);
  if (region === undefined) return unknownValue('region', record.region);
  const segment = optionalCode(resolver, 'segment', record.segment);
  if (segment === undefined) return unknownValue('segment', record.segment);
  const system = optionalCode(resolver, 'system', record.system);
  if (system === undefined) return unknownValue('system', record.system);
  const scope = options.regionScope;
  if (scope && !scope.isAll && !scope.includes(region))
    return { reason: `region: ${region} is outside this sender's scope (${scope.roots.join(', ')})` };
  const outcome = record.outcome;
  return {
    record: {
      index,
      timeMs,
      business,
      channel,
      region,
      segment,
      seriesKey: options.seriesKeys.of({ business, channel, region, segment }),
      system,
      host: record.host ?? null,
      clerkId: record.clerkId ?? null,
      terminalId: record.terminalId ?? null,
      customer: customerOf(record.customerId, options),
      latencyMs: record.latencyMs,
      outcome,
      // Most records say "ok" exactly: no lower-cased copy for them.
      failed: outcome !== 'ok' && outcome.toLowerCase() !== 'ok',
      errorClass: record.errorClass ?? null,
      externalId: record.externalId ?? null,
    },
  };
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
  const context: NormaliseContext = { ...options, seriesKeys: seriesKeysOf(options.resolver) };
  for (let index = 0; index < input.length; index++) {
    const verdict = normaliseRecord(input[index], index, context);
    if ('record' in verdict) records.push(verdict.record);
    else rejected.push({ index, ...verdict });
  }
  return { records, rejected };
}

/**
 * One string per series, built once: the dimension codes come from the resolver as the same strings every time, so
 * nested maps of them find a key without building or hashing a new string per record — and every later map or set
 * that the key goes through (series known, minute deltas) finds its hash already computed.
 */
interface SeriesKeys {
  of(codes: Pick<NormalisedRecord, 'business' | 'channel' | 'region' | 'segment'>): string;
}

/** Series keys past this many are forgotten at once (dimension codes are few: this is never reached in practice). */
const MAX_INTERNED_SERIES = 100_000;

function createSeriesKeys(): SeriesKeys {
  let tree = new Map<string, Map<string, Map<string, Map<string | null, string>>>>();
  let size = 0;
  return {
    of(codes) {
      const { business, channel, region, segment } = codes;
      let byChannel = tree.get(business);
      if (!byChannel)
        tree.set(business, (byChannel = new Map<string, Map<string, Map<string | null, string>>>()));
      let byRegion = byChannel.get(channel);
      if (!byRegion) byChannel.set(channel, (byRegion = new Map<string, Map<string | null, string>>()));
      let bySegment = byRegion.get(region);
      if (!bySegment) byRegion.set(region, (bySegment = new Map<string | null, string>()));
      let key = bySegment.get(segment);
      if (key === undefined) {
        if (++size > MAX_INTERNED_SERIES) {
          tree = new Map();
          size = 0;
        }
        key = transactionSeriesKey(codes);
        bySegment.set(segment, key);
      }
      return key;
    },
  };
}

/** Per resolver: a new resolver (dimensions changed) starts afresh, and the old one's keys go with it. */
const seriesKeysByResolver = new WeakMap<DimensionResolver, SeriesKeys>();

function seriesKeysOf(resolver: DimensionResolver): SeriesKeys {
  let keys = seriesKeysByResolver.get(resolver);
  if (!keys) seriesKeysByResolver.set(resolver, (keys = createSeriesKeys()));
  return keys;
}

/** The series a record counts in: one per service (business × channel) × region × segment. */
export function transactionSeriesKey(
  record: Pick<NormalisedRecord, 'business' | 'channel' | 'region' | 'segment'>,
) {
  return `tx|${record.business}|${record.channel}|${record.region}|${record.segment ?? ''}`;
}
