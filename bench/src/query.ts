// bench/query: how fast the experience views read at province scale — 500 services × 14 cities of rollups — on
// SQLite and PostgreSQL: overview, drill-down and ranking latency over HTTP (p50/p95), and the score evaluator's
// time per 5-minute and hourly cycle. Loopback only; a deadline stops everything it started.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createSilentLogger } from '@ganzhi/runtime';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { generateRollups, type GeneratedData } from './query-data.js';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    services: { type: 'string', default: '500' },
    'minute-hours': { type: 'string', default: '3' },
    'hour-days': { type: 'string', default: '7' },
    'day-days': { type: 'string', default: '90' },
    reps: { type: 'string', default: '20' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const DEADLINE_MS = 40 * 60_000;
const PASSWORD = 'bench-query-password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summarise(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(1)} ms · p95 ${percentile(sorted, 0.95).toFixed(1)} ms · max ${(sorted.at(-1) ?? 0).toFixed(1)} ms`;
}

async function openEngine(
  engine: string,
  dataDir: string,
): Promise<{ server: RunningServer; drop: () => Promise<void> }> {
  const env: Record<string, string> = { GANZHI_ADMIN_PASSWORD: PASSWORD, GANZHI_LOG_LEVEL: 'silent' };
  let drop = () => Promise.resolve();
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: args['pg-url'] });
    await admin.connect();
    await admin.query('drop database if exists ganzhi_bench_query');
    await admin.query('create database ganzhi_bench_query');
    await admin.end();
    env.DATABASE_URL = args['pg-url'].replace(/\/[^/]*$/, '/ganzhi_bench_query');
    drop = async () => {
      const client = new pg.Client({ connectionString: args['pg-url'] });
      await client.connect();
      await client.query('drop database if exists ganzhi_bench_query with (force)');
      await client.end();
    };
  }
  const server = await startServer(parseServerConfig(env, { port: 0, dataDir }), {
    logger: createSilentLogger(),
  });
  return { server, drop };
}

async function login(url: string): Promise<string> {
  const response = await fetch(new URL('api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function timeRequests(server: RunningServer, cookie: string, path: string): Promise<number[]> {
  const reps = Number(args.reps);
  const samples: number[] = [];
  for (let i = -2; i < reps; i += 1) {
    const started = performance.now();
    const response = await fetch(new URL(`api/v1/${path}`, server.url), { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    if (i >= 0) samples.push(performance.now() - started);
  }
  return samples;
}

async function runEngine(engine: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `ganzhi-bench-query-${engine}-`));
  const { server, drop } = await openEngine(engine, dataDir);
  try {
    const now = Date.now();
    const generated: GeneratedData = await generateRollups(server.services, {
      nowMs: now,
      services: Number(args.services),
      minuteHours: Number(args['minute-hours']),
      hourDays: Number(args['hour-days']),
      dayDays: Number(args['day-days']),
    });
    console.log(
      `\n[${engine}] ${generated.series} series (${generated.services} services × ${generated.regions} cities + probes): ` +
        `${generated.minuteRows.toLocaleString()} minute, ${generated.hourRows.toLocaleString()} hour, ${generated.dayRows.toLocaleString()} day rows in ${(generated.elapsedMs / 1000).toFixed(1)} s` +
        (engine === 'sqlite'
          ? `, database ${(statSync(join(dataDir, 'ganzhi.db')).size / 2 ** 20).toFixed(0)} MiB`
          : ''),
    );

    // The evaluator: the last hour of 5-minute windows and the last 6 hours, scored as the periodic job does.
    const evaluator = server.services.scoreEvaluator;
    const fiveMinute: number[] = [];
    let rows = 0;
    const lastFive = Math.floor(now / (5 * MINUTE)) * 5 * MINUTE - 5 * MINUTE;
    for (let bucket = lastFive - 11 * 5 * MINUTE; bucket <= lastFive; bucket += 5 * MINUTE) {
      const result = await evaluator.evaluate({ resolution: '5m', bucketStart: bucket });
      fiveMinute.push(result.elapsedMs);
      rows = result.rows;
    }
    const hourly: number[] = [];
    const lastHour = Math.floor(now / HOUR) * HOUR - HOUR;
    for (let bucket = lastHour - 5 * HOUR; bucket <= lastHour; bucket += HOUR)
      hourly.push((await evaluator.evaluate({ resolution: '1h', bucketStart: bucket })).elapsedMs);
    console.log(
      `[${engine}] evaluator 5-minute cycle (${rows.toLocaleString()} snapshot rows): ${summarise(fiveMinute)}`,
    );
    console.log(`[${engine}] evaluator hourly cycle: ${summarise(hourly)}`);
    // The rolling windows rankings read: the last 60 minutes (every 5 minutes) and the last 24 hours (every hour),
    // each with the equal window before it.
    const rollingHour: number[] = [];
    for (const endMs of [
      lastFive + 5 * MINUTE - HOUR,
      lastFive - 5 * MINUTE,
      lastFive,
      lastFive + 5 * MINUTE,
    ])
      rollingHour.push((await evaluator.evaluateRollingAt({ resolution: '60m', endMs })).elapsedMs);
    const rollingDay: number[] = [];
    for (const endMs of [lastHour + HOUR - 24 * HOUR, lastHour, lastHour + HOUR])
      rollingDay.push((await evaluator.evaluateRollingAt({ resolution: '24h', endMs })).elapsedMs);
    console.log(`[${engine}] evaluator rolling hour (every 5 min): ${summarise(rollingHour)}`);
    console.log(`[${engine}] evaluator rolling day (every hour): ${summarise(rollingDay)}`);

    const cookie = await login(server.url);
    const { business, channel, region } = generated.sample;
    const day = (hours: number) =>
      `from=${new Date(now - hours * HOUR).toISOString()}&to=${new Date(now).toISOString()}`;
    const queries: [string, string][] = [
      ['overview (5 min)', 'scores/overview?resolution=5m'],
      ['overview (hourly)', 'scores/overview?resolution=1h'],
      ['drill-down, province, 1 h', `scores/services/${business}/${channel}`],
      ['drill-down, one city, 1 h', `scores/services/${business}/${channel}?region=${region}`],
      ['drill-down, one city, 24 h', `scores/services/${business}/${channel}?region=${region}&${day(24)}`],
      ['ranking businesses, last hour', 'rankings?by=business&period=hour'],
      ['ranking businesses, last day', 'rankings?by=business&period=day'],
      ['ranking services, last day', 'rankings?by=service&period=day'],
      [
        'baseline comparison, 2 days',
        `baselines/services/${business}/${channel}?region=${region}&metric=p95_ms`,
      ],
    ];
    for (const [label, path] of queries)
      console.log(`[${engine}] ${label.padEnd(32)} ${summarise(await timeRequests(server, cookie, path))}`);
    console.log(
      `[${engine}] server RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (benchmark and server share the process)`,
    );
  } finally {
    await server.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => {
  console.error(`bench/query: still running after ${DEADLINE_MS / 60_000} min, stopping`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

for (const engine of args.engines.split(',')) await runEngine(engine.trim());
