// Province-scale rollups for bench/query, written straight into the tables in large sorted batches: transactions
// per service × city at minute, hour and day resolution, and probe series for a tenth of the services.
import { createHistogram, encodeHistogram, recordLatency } from '@ganzhi/quality';
import { sql } from 'kysely';
import type { Services } from '@ganzhi/server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Rows per insert: 6 columns each, well under both engines' bound-parameter limits. */
const CHUNK = 1000;

export interface GenerationOptions {
  readonly nowMs: number;
  readonly services: number;
  readonly minuteHours: number;
  readonly hourDays: number;
  readonly dayDays: number;
}

export interface GeneratedData {
  readonly services: number;
  readonly regions: number;
  readonly series: number;
  readonly minuteRows: number;
  readonly hourRows: number;
  readonly dayRows: number;
  readonly elapsedMs: number;
  /** A service and city to drill into. */
  readonly sample: { readonly business: string; readonly channel: string; readonly region: string };
}

interface SeriesSpec {
  readonly key: string;
  readonly source: 'transactions' | 'check';
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  /** Mean transactions per minute and the latency bucket most of them fall in. */
  readonly rate: number;
  readonly bucket: number;
  readonly failureRatio: number;
}

/** Deterministic PRNG, so two runs measure the same data. */
function prng(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

function rowOf(
  spec: SeriesSpec,
  bucket: { readonly start: number; readonly minutes: number },
  random: () => number,
) {
  const bucketStart = bucket.start;
  const minutes = bucket.minutes;
  // Day-shaped volume: quiet at night, busy in office hours (UTC+8).
  const hour = new Date(bucketStart + 8 * HOUR).getUTCHours();
  const shape = hour >= 8 && hour < 20 ? 1 : 0.2;
  const count = Math.max(1, Math.round(spec.rate * minutes * shape * (0.7 + 0.6 * random())));
  const failures = Math.round(count * spec.failureRatio * (0.5 + random()));
  // Latencies spread log-normally around the series' typical time: up to 12 distinct 1 % buckets per row.
  const histogram = createHistogram();
  const typicalMs = 100 * (spec.bucket + 1);
  const distinct = Math.min(count, 12);
  for (let i = 0; i < distinct; i++) {
    const share = Math.floor(count / distinct) + (i < count % distinct ? 1 : 0);
    recordLatency(histogram, typicalMs * Math.exp((random() - 0.5) * 1.6), share);
  }
  return {
    series_key: spec.key,
    bucket_start: bucketStart,
    count,
    failures: Math.min(failures, count),
    latency_sum_ms: count * typicalMs,
    h: encodeHistogram(histogram),
  };
}

async function insertRows(
  services: Services,
  table: 'rollups_minute' | 'rollups_hour' | 'rollups_day',
  rows: Record<string, number | string>[],
) {
  for (let i = 0; i < rows.length; i += CHUNK)
    await services.db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/** Writes the businesses, series and rollups; returns what was written and how long it took. */
export async function generateRollups(
  services: Services,
  options: GenerationOptions,
): Promise<GeneratedData> {
  const started = performance.now();
  const random = prng(7);
  const dimensions = await services.dimensions.listDimensions();
  const channels = dimensions.channels.map((channel) => channel.code);
  const cities = dimensions.regions.filter((region) => region.level === 'city').map((region) => region.code);
  const types = ['query', 'transaction', 'recharge', 'delivery'] as const;
  const businessCount = Math.ceil(options.services / channels.length);
  const businesses = Array.from({ length: businessCount }, (_, index) => ({
    code: `bench_business_${String(index).padStart(3, '0')}`,
    nameZh: `业务 ${index}`,
    nameEn: `Business ${index}`,
    type: types[index % types.length] ?? 'query',
    slaMs: index % 3 === 0 ? 3000 : 30_000,
    systems: [['crm'], ['accounting', 'credit'], ['billing_query']][index % 3] ?? [],
  }));
  await services.dimensions.applyDimensions({
    businesses,
    channels: [],
    regions: [],
    segments: [],
    systems: [],
    aliases: [],
  });

  const specs: SeriesSpec[] = [];
  for (let s = 0; s < options.services; s += 1) {
    const business = businesses[Math.floor(s / channels.length)]?.code ?? '';
    const channel = channels[s % channels.length] ?? '';
    for (const region of cities) {
      const base = {
        business,
        channel,
        region,
        bucket: 4 + Math.floor(random() * 8),
        failureRatio: random() < 0.05 ? 0.08 : 0.005,
      };
      specs.push({
        ...base,
        key: `bench|tx|${business}|${channel}|${region}`,
        source: 'transactions',
        rate: 1 + random() * 4,
      });
      if (s % 10 === 0)
        specs.push({
          ...base,
          key: `bench|probe|${business}|${channel}|${region}`,
          source: 'check',
          rate: 1,
        });
    }
  }
  specs.sort((a, b) => (a.key < b.key ? -1 : 1));
  for (let i = 0; i < specs.length; i += CHUNK)
    await services.db
      .insertInto('series')
      .values(
        specs.slice(i, i + CHUNK).map((spec) => ({
          series_key: spec.key,
          source: spec.source,
          check_id: null,
          location: spec.source === 'check' ? 'local' : null,
          business: spec.business,
          channel: spec.channel,
          region: spec.region,
          segment: null,
          created_at: options.nowMs,
        })),
      )
      .execute();

  const counts = { minute: 0, hour: 0, day: 0 };
  const write = async (
    table: 'rollups_minute' | 'rollups_hour' | 'rollups_day',
    plan: { size: number; from: number; to: number },
  ) => {
    const minutes = plan.size / MINUTE;
    for (const spec of specs) {
      const rows: Record<string, number | string>[] = [];
      for (let bucket = plan.from; bucket < plan.to; bucket += plan.size)
        rows.push(rowOf(spec, { start: bucket, minutes }, random));
      await insertRows(services, table, rows);
      counts[table === 'rollups_minute' ? 'minute' : table === 'rollups_hour' ? 'hour' : 'day'] +=
        rows.length;
    }
  };
  const minuteEnd = Math.floor(options.nowMs / MINUTE) * MINUTE;
  const hourEnd = Math.floor(options.nowMs / HOUR) * HOUR;
  await write('rollups_minute', {
    size: MINUTE,
    from: minuteEnd - options.minuteHours * HOUR,
    to: minuteEnd,
  });
  await write('rollups_hour', { size: HOUR, from: hourEnd - options.hourDays * DAY, to: hourEnd + HOUR });
  const dayEnd = Math.floor((options.nowMs + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
  await write('rollups_day', { size: DAY, from: dayEnd - options.dayDays * DAY, to: dayEnd + DAY });
  await sql`analyze`.execute(services.db).catch(() => undefined);
  const sample = specs.find((spec) => spec.source === 'check') ?? specs[0];
  return {
    services: options.services,
    regions: cities.length,
    series: specs.length,
    minuteRows: counts.minute,
    hourRows: counts.hour,
    dayRows: counts.day,
    elapsedMs: performance.now() - started,
    sample: {
      business: sample?.business ?? '',
      channel: sample?.channel ?? '',
      region: sample?.region ?? '',
    },
  };
}
