// Checks and their runs for bench/checks-list: `checks` checks over every channel, business and city or county,
// written straight into the table in large batches, each with `runsPerCheck` runs spread over the last day, recorded
// through the run service in batches like agent uploads (so each check's latest run is kept as in production, and
// the bench does not depend on how runs are laid out).
import { checkInputSchema, type Check, type Run } from '@ganzhi/contracts';
import type { Services } from '@ganzhi/server';

const HOUR = 3_600_000;
/** Rows per insert: at most 16 columns each, well under both engines' bound-parameter limits. */
const CHUNK = 500;
const KINDS = ['Web', 'App', 'Hall', 'SMS'] as const;
const LOCATIONS = ['bench_idc_a', 'bench_idc_b', 'bench_idc_c'] as const;

export interface CheckDataOptions {
  readonly nowMs: number;
  readonly checks: number;
  readonly runsPerCheck: number;
}

export interface CheckData {
  readonly checks: number;
  readonly runs: number;
  readonly elapsedMs: number;
  /** Of which recording the runs through the run service. */
  readonly runsElapsedMs: number;
  /** Filter values that select a realistic slice: one channel, one city with its counties, a word of the names. */
  readonly sample: { readonly channel: string; readonly city: string; readonly text: string };
}

/** Deterministic PRNG, so two runs measure the same data. */
function prng(seed: number) {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

/** A realistic two-step flow, so a check's JSON is as large as real ones (login, then a bill query). */
function stepsOf(index: number): string {
  const host = `https://hall-${index % 97}.example.cn`;
  return JSON.stringify(
    checkInputSchema.parse({
      name: 'steps',
      steps: [
        {
          kind: 'http',
          name: 'login',
          method: 'POST',
          url: `${host}/api/login`,
          headers: { 'content-type': 'application/json' },
          body: '{"user":"{{user}}","password":"{{secrets.HALL_PASSWORD}}"}',
          expectStatus: 200,
          extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
        },
        {
          kind: 'http',
          name: 'bill',
          url: `${host}/api/bill?month=current`,
          headers: { authorization: 'Bearer {{token}}' },
          bodyContains: 'amount',
        },
      ],
    }).steps,
  );
}

async function insertChunked(
  services: Services,
  table: 'checks' | 'locations',
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await services.db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
}

/** Adds three counties under every city, so a region filter has a subtree to expand. */
async function addCounties(services: Services): Promise<{ cities: string[]; regions: string[] }> {
  const dimensions = await services.dimensions.listDimensions();
  const cities = dimensions.regions.filter((region) => region.level === 'city');
  const counties = cities.flatMap((city) =>
    [1, 2, 3].map((n) => ({
      code: `${city.code}_county_${n}`,
      parentCode: city.code,
      level: 'county' as const,
      nameZh: `${city.nameZh}${n}区`,
      nameEn: `${city.nameEn} ${n}`,
    })),
  );
  await services.dimensions.applyDimensions({
    businesses: [],
    channels: [],
    regions: counties,
    segments: [],
    systems: [],
    aliases: [],
  });
  return {
    cities: cities.map((city) => city.code),
    regions: [...cities.map((city) => city.code), ...counties.map((county) => county.code)],
  };
}

function checkRow(index: number, context: { nowMs: number; random: () => number; dims: Dims }) {
  const { random, dims } = context;
  const channel = dims.channels[index % dims.channels.length] ?? '';
  const business = dims.businesses[Math.floor(index / dims.channels.length) % dims.businesses.length] ?? '';
  const region = dims.regions[Math.floor(random() * dims.regions.length)] ?? null;
  const kind = KINDS[index % KINDS.length] ?? 'Web';
  const name = `${kind} 拨测 ${business} ${String(index).padStart(5, '0')}`;
  return {
    id: `bench-check-${String(index).padStart(5, '0')}`,
    name,
    name_folded: name.toLowerCase(),
    description: null,
    enabled: random() < 0.95 ? 1 : 0,
    interval_seconds: 300,
    business,
    channel,
    region,
    tags_json: JSON.stringify(index % 3 === 0 ? ['vip', 'bench'] : ['bench']),
    locations_json: JSON.stringify([LOCATIONS[index % LOCATIONS.length]]),
    steps_json: stepsOf(index),
    variables_json: JSON.stringify({ user: `1380000${String(index % 10_000).padStart(4, '0')}` }),
    flow_timeout_ms: 120_000,
    created_at: context.nowMs - 30 * 24 * HOUR,
    updated_at: context.nowMs - 30 * 24 * HOUR,
  };
}

interface Dims {
  readonly channels: readonly string[];
  readonly businesses: readonly string[];
  readonly regions: readonly string[];
}

type CheckRow = ReturnType<typeof checkRow>;

function toCheck(row: CheckRow): Check {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    intervalSeconds: row.interval_seconds,
    business: row.business,
    channel: row.channel,
    region: row.region,
    tags: JSON.parse(row.tags_json) as string[],
    locations: JSON.parse(row.locations_json) as string[],
    steps: JSON.parse(row.steps_json) as Check['steps'],
    variables: JSON.parse(row.variables_json) as Record<string, string>,
    flowTimeoutMs: row.flow_timeout_ms,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** `count` runs of a check, one every 24 h ÷ count, about one in thirteen failed. */
function runsOf(check: Check, context: { nowMs: number; count: number; seq: number }): Run[] {
  const location = check.locations[0] ?? 'bench_idc_a';
  return Array.from({ length: context.count }, (_, r) => {
    const startedAtMs = Math.round(context.nowMs - ((r + 0.5) * 24 * HOUR) / context.count);
    const ok = (r * 7 + context.seq) % 13 !== 0;
    const n = context.seq * 1000 + r;
    return {
      id: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
      checkId: check.id,
      agentId: `agent-${location}`,
      location,
      startedAt: new Date(startedAtMs).toISOString(),
      durationMs: 200 + ((r * 37 + context.seq) % 900),
      ok,
      errorClass: ok ? null : 'http_status',
      errorMessage: ok ? null : 'status 503',
      steps: [],
      artifacts: [],
    };
  });
}

/** Writes the counties, locations, checks and runs; returns what was written and how long it took. */
export async function generateChecks(services: Services, options: CheckDataOptions): Promise<CheckData> {
  const started = performance.now();
  const random = prng(11);
  const { cities, regions } = await addCounties(services);
  const dimensions = await services.dimensions.listDimensions();
  const dims: Dims = {
    channels: dimensions.channels.map((channel) => channel.code),
    businesses: dimensions.businesses.map((business) => business.code),
    regions,
  };
  await insertChunked(
    services,
    'locations',
    LOCATIONS.map((code) => ({ code, name: code, region_code: null, site: null, created_at: options.nowMs })),
  );
  const checks = Array.from({ length: options.checks }, (_, index) =>
    checkRow(index, { nowMs: options.nowMs, random, dims }),
  );
  await insertChunked(services, 'checks', checks);
  const runsStarted = performance.now();
  let runs = 0;
  // Oldest first, as agents deliver them; the run service stores each batch in one transaction.
  for (let i = 0; i < checks.length; i += 50) {
    const entries = checks.slice(i, i + 50).flatMap((row, offset) => {
      const check = toCheck(row);
      return runsOf(check, { nowMs: options.nowMs, count: options.runsPerCheck, seq: i + offset })
        .reverse()
        .map((run) => ({ run, check }));
    });
    await services.runs.recordRuns(entries);
    runs += entries.length;
  }
  const runsElapsedMs = performance.now() - runsStarted;
  return {
    checks: checks.length,
    runs,
    elapsedMs: performance.now() - started,
    runsElapsedMs,
    sample: { channel: dims.channels[0] ?? '', city: cities[0] ?? '', text: 'hall' },
  };
}
