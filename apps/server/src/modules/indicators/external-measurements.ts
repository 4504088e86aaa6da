import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import {
  externalMeasurementRecordSchema,
  type DimensionKind,
  type MeasurementIngestResult,
} from '@ganzhi/contracts';
import { startOfMinute, type MeasurementValues } from '@ganzhi/quality';
import type { DatabaseSchema } from '../../db/schema.js';
import { chunked, compareText } from '../../db/chunked.js';
import { EXTERNAL_GAUGES, EXTERNAL_MEASUREMENT_NAMES } from './catalogue/index.js';

type Db = Kysely<DatabaseSchema>;

/** Reported values summed per measurement, scope and window ('' where a scope dimension is absent). */
export interface ExternalSum {
  readonly name: string;
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly sum: number;
  readonly count: number;
}

interface MinuteRow extends ExternalSum {
  readonly bucket_start: number;
}

const KNOWN: ReadonlySet<string> = new Set(EXTERNAL_MEASUREMENT_NAMES);

export interface ExternalIngestContext {
  readonly resolve: (kind: DimensionKind, value: string) => string | undefined;
  readonly nowMs: number;
  readonly oldestMs: number;
}

/**
 * Validates and stores reported values: unknown measurement names and dimension values are rejected with their index
 * (the valid records are kept), values per minute and scope are added up. Committed before the answer.
 */
export async function ingestExternal(
  db: Db,
  input: readonly unknown[],
  context: ExternalIngestContext,
): Promise<MeasurementIngestResult> {
  const rejected: { index: number; reason: string }[] = [];
  const rows = new Map<string, MinuteRow & { sum: number; count: number }>();
  input.forEach((raw, index) => {
    const parsed = externalMeasurementRecordSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({
        index,
        reason: `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`,
      });
      return;
    }
    const record = parsed.data;
    if (!KNOWN.has(record.name)) {
      rejected.push({
        index,
        reason: `unknown measurement "${record.name}" (GET /api/v1/indicators/measurements lists them)`,
      });
      return;
    }
    // Counters are sums of events: a negative one would cancel real reports in the window. Gauges (percentiles,
    // means, survey scores) may legitimately be below zero.
    if (record.value < 0 && !EXTERNAL_GAUGES.has(record.name)) {
      rejected.push({ index, reason: `value: "${record.name}" is a counter and cannot be negative` });
      return;
    }
    const time = typeof record.time === 'number' ? record.time : Date.parse(record.time);
    if (time < context.oldestMs || time > context.nowMs + 5 * 60_000) {
      rejected.push({ index, reason: 'time is outside the kept window or in the future' });
      return;
    }
    const scope: Record<'business' | 'channel' | 'region', string> = {
      business: '',
      channel: '',
      region: '',
    };
    for (const kind of ['business', 'channel', 'region'] as const) {
      const value = record[kind];
      if (value === undefined) continue;
      const code = context.resolve(kind, value);
      if (!code) {
        rejected.push({
          index,
          reason: `unknown ${kind} "${value}": add it to the dimensions or map it with an alias`,
        });
        return;
      }
      scope[kind] = code;
    }
    const bucket = startOfMinute(time);
    const key = [record.name, scope.business, scope.channel, scope.region, bucket].join('|');
    const row = rows.get(key) ?? { name: record.name, ...scope, bucket_start: bucket, sum: 0, count: 0 };
    row.sum += record.value;
    row.count += 1;
    rows.set(key, row);
  });
  const ordered = [...rows.entries()].sort(([a], [b]) => compareText(a, b)).map(([, row]) => row);
  await db.transaction().execute(async (trx) => {
    for (const chunk of chunked(ordered, 500))
      await trx
        .insertInto('external_minute')
        .values(chunk)
        .onConflict((conflict) =>
          conflict.columns(['name', 'business', 'channel', 'region', 'bucket_start']).doUpdateSet({
            sum: sql`external_minute.sum + excluded.sum`,
            count: sql`external_minute.count + excluded.count`,
          }),
        )
        .execute();
  });
  const acceptedCount = input.length - rejected.length;
  return { accepted: acceptedCount, rejected };
}

/** Every reported value in [from, to), summed per measurement and scope. */
export async function readExternalWindow(
  db: Db,
  window: { readonly fromMs: number; readonly toMs: number },
): Promise<ExternalSum[]> {
  const rows = await db
    .selectFrom('external_minute')
    .select(['name', 'business', 'channel', 'region'])
    .select((eb) => [eb.fn.sum<number>('sum').as('sum'), eb.fn.sum<number>('count').as('count')])
    .where('bucket_start', '>=', window.fromMs)
    .where('bucket_start', '<', window.toMs)
    .groupBy(['name', 'business', 'channel', 'region'])
    .execute();
  return rows.map((row) => ({ ...row, sum: Number(row.sum), count: Number(row.count) }));
}

export interface ExternalValues {
  readonly values: Readonly<Record<string, number>>;
  /** Reports received per measurement: an indicator's evidence is the reports of the measurements it reads. */
  readonly reports: ReadonlyMap<string, number>;
}

/**
 * The external measurements of one scope: values reported for it, else for the service, the business or
 * everything (the most specific wins). Gauges are averaged, counters summed.
 */
export function externalValuesFor(
  sums: readonly ExternalSum[],
  scope: { readonly business: string; readonly channel: string; readonly region: string },
): ExternalValues {
  const levels: [string, string, string][] = [
    ['', '', ''],
    [scope.business, '', ''],
    [scope.business, scope.channel, ''],
    [scope.business, scope.channel, scope.region],
  ];
  const values: Record<string, number> = {};
  const reports = new Map<string, number>();
  for (const [business, channel, region] of levels)
    for (const sum of sums)
      if (sum.business === business && sum.channel === channel && sum.region === region && sum.count > 0) {
        values[sum.name] = EXTERNAL_GAUGES.has(sum.name) ? sum.sum / sum.count : sum.sum;
        reports.set(sum.name, sum.count);
      }
  return { values, reports };
}

/** The measurements an external indicator reads, with its evidence: the reports behind them. */
export function externalMeasurementsOf(
  external: ExternalValues,
  measurements: readonly string[],
): MeasurementValues {
  const samples = measurements.reduce((total, name) => total + (external.reports.get(name) ?? 0), 0);
  return { ...external.values, samples };
}
