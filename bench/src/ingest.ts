// bench/ingest: end-to-end transaction ingestion (HTTP NDJSON → committed rollups) on SQLite and PostgreSQL, with
// the server's CPU and memory, against a bare JSON.parse + SQLite insert loop as the ceiling. Loopback only; stops
// by itself (a deadline kills everything it started).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import { findFreePort, spawnGanzhi, type GanzhiProcess } from '@ganzhi/testing';
import { printProfileSummary, summariseProfiles } from './cpu-profile-summary.js';
import { measureTree } from './process-tree.js';

const { values: args } = parseArgs({
  options: {
    records: { type: 'string', default: '400000' },
    batch: { type: 'string', default: '5000' },
    clients: { type: 'string', default: '4' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    gzip: { type: 'boolean', default: false },
    /** Profile the server (`node --cpu-prof` into this directory) and print a summary: figures are then not comparable. */
    'cpu-prof': { type: 'string' },
  },
});
const CPU_PROFILE_DIR = args['cpu-prof'] === undefined ? undefined : resolve(args['cpu-prof']);
const TOTAL = Number(args.records);
const BATCH = Number(args.batch);
const CLIENTS = Number(args.clients);
const DEADLINE_MS = 15 * 60_000;
const PASSWORD = 'bench-ingest-password';

const CHANNELS = ['hall', 'partner_hall', 'ivr', 'sms_hall', 'web_hall', 'app'];
const BUSINESSES = ['balance_query', 'bill_query', 'payment', 'account_opening', 'plan_change', 'recharge'];
const REGIONS = ['changsha', 'zhuzhou', 'xiangtan', 'hengyang', 'shaoyang', 'yueyang', 'changde', 'yiyang'];
const SEGMENTS = ['mvc', 'mgc', 'normal', 'bz'];

/**
 * Deterministic pseudo-random records over the last 30 minutes in time order (as logs arrive: a batch covers a
 * short stretch of time), NDJSON bodies of `BATCH` lines.
 */
function generateBodies(nowMs: number): string[] {
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const bodies: string[] = [];
  for (let start = 0; start < TOTAL; start += BATCH) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(TOTAL, start + BATCH); i++) {
      lines.push(
        JSON.stringify({
          time: nowMs - 30 * 60_000 + Math.floor((i / TOTAL) * 30 * 60_000),
          business: pick(BUSINESSES),
          channel: pick(CHANNELS),
          region: pick(REGIONS),
          segment: pick(SEGMENTS),
          latencyMs: Math.round(50 + next() * next() * 6000),
          outcome: next() < 0.02 ? 'E1023' : 'ok',
          externalId: `bench-${i}`,
        }),
      );
    }
    bodies.push(lines.join('\n'));
  }
  return bodies;
}

/**
 * CPU seconds so far of each PostgreSQL backend serving the bench database (its process title names the database):
 * the engine's share of the work, which the server's own CPU leaves out. Per pid, so backends that come and go
 * during the run are counted while they live.
 */
function readBackendCpu(): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('ganzhi_bench_ingest')) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime + stime in clock ticks (100 a second).
      found.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // the process ended between listing and reading
    }
  }
  return found;
}

/** Tracks the backends' CPU through the run: the last reading of each pid, minus what it had used before. */
function trackBackendCpu(): { sample(): void; seconds(): number } {
  const before = readBackendCpu();
  const latest = new Map(before);
  return {
    sample() {
      for (const [pid, seconds] of readBackendCpu()) latest.set(pid, seconds);
    },
    seconds() {
      let total = 0;
      for (const [pid, seconds] of latest) total += seconds - (before.get(pid) ?? 0);
      return total;
    },
  };
}

interface Figures {
  readonly seconds: number;
  readonly accepted: number;
  readonly inRollups: number;
  readonly serverCpuSeconds: number;
  readonly serverPeakRssMb: number;
  /** PostgreSQL backends of the bench database (0 on SQLite, where the engine runs inside the server). */
  readonly engineCpuSeconds: number;
  /** This process sending the requests (fetch), on the same two cores. */
  readonly clientCpuSeconds: number;
}

async function startServer(engine: string, dataDir: string): Promise<{ server: GanzhiProcess; url: string }> {
  const port = await findFreePort();
  const env: NodeJS.ProcessEnv = {
    GANZHI_ADMIN_PASSWORD: PASSWORD,
    PORT: '',
    GANZHI_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  };
  if (engine === 'postgres') {
    const admin = new pg.Client({ connectionString: args['pg-url'] });
    await admin.connect();
    await admin.query('DROP DATABASE IF EXISTS ganzhi_bench_ingest WITH (FORCE)');
    await admin.query('CREATE DATABASE ganzhi_bench_ingest');
    await admin.end();
    env.DATABASE_URL = args['pg-url'].replace(/\/[^/]*$/, '/ganzhi_bench_ingest');
  } else env.DATABASE_URL = '';
  const { process: server } = await spawnGanzhi({
    args: ['serve', '--port', String(port), '--data-dir', dataDir],
    env,
    ...(CPU_PROFILE_DIR
      ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROFILE_DIR, engine)}`] }
      : {}),
    readyLine: /Ganzhi console: /,
    timeoutMs: 60_000,
  });
  return { server, url: `http://127.0.0.1:${port}/` };
}

async function tokenFor(url: string): Promise<string> {
  const login = await fetch(new URL('api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(new URL('api/v1/tokens', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, origin: new URL(url).origin },
    body: JSON.stringify({ name: 'bench', scopes: ['ingest:write', 'transactions:read'] }),
  });
  return ((await created.json()) as { token: string }).token;
}

/** The bodies as sent: encoded (and compressed with `--gzip`) before the clock starts, as a shipper's buffers are. */
function encodeBodies(bodies: readonly string[]): Buffer[] {
  return bodies.map((body) => (args.gzip ? gzipSync(body) : Buffer.from(body)));
}

async function runEngine(engine: string, bodies: readonly Buffer[], nowMs: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), `ganzhi-bench-ingest-${engine}-`));
  const { server, url } = await startServer(engine, dataDir);
  try {
    const token = await tokenFor(url);
    const cpuBefore = measureTree(process.pid, /main\.js\0serve/).cpuSeconds;
    let peakRss = 0;
    const backends = trackBackendCpu();
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, measureTree(process.pid, /main\.js\0serve/).rssBytes);
      backends.sample();
    }, 200);
    let accepted = 0;
    let nextBody = 0;
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/x-ndjson',
      ...(args.gzip ? { 'content-encoding': 'gzip' } : {}),
    };
    const clientCpuBefore = process.cpuUsage();
    const started = performance.now();
    const client = async () => {
      for (let index = nextBody++; index < bodies.length; index = nextBody++) {
        const response = await fetch(new URL('api/v1/ingest/transactions', url), {
          method: 'POST',
          headers,
          body: bodies[index],
        });
        if (!response.ok) throw new Error(`batch ${index}: ${response.status} ${await response.text()}`);
        accepted += ((await response.json()) as { accepted: number }).accepted;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    const seconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    clearInterval(sampler);
    backends.sample();
    const cpu = measureTree(process.pid, /main\.js\0serve/).cpuSeconds - cpuBefore;
    const query = new URLSearchParams({
      from: new Date(nowMs - 3_600_000).toISOString(),
      to: new Date(nowMs + 3_600_000).toISOString(),
      resolution: 'minute',
    });
    const series = await fetch(new URL(`api/v1/transactions/series?${query.toString()}`, url), {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!series.ok) throw new Error(`reading the rollups back: ${series.status} ${await series.text()}`);
    const inRollups = ((await series.json()) as { totals: { count: number } }).totals.count;
    return {
      seconds,
      accepted,
      inRollups,
      serverCpuSeconds: cpu,
      serverPeakRssMb: peakRss / 1048576,
      engineCpuSeconds: backends.seconds(),
      clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
    };
  } catch (error) {
    await server.stop();
    console.error(server.output().slice(-3000));
    throw error;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The ceiling: the same bodies split, JSON.parse'd and inserted row by row into SQLite, one transaction a batch. */
function runCeiling(bodies: readonly string[]): { seconds: number; rows: number } {
  const dir = mkdtempSync(join(tmpdir(), 'ganzhi-bench-ceiling-'));
  const db = new Database(join(dir, 'ceiling.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'create table t (time_ms integer, business text, channel text, region text, segment text, latency_ms real, outcome text, external_id text)',
  );
  const insert = db.prepare('insert into t values (?, ?, ?, ?, ?, ?, ?, ?)');
  type Row = Record<string, string | number>;
  const insertBatch = db.transaction((rows: Row[]) => {
    for (const r of rows)
      insert.run(r.time, r.business, r.channel, r.region, r.segment, r.latencyMs, r.outcome, r.externalId);
  });
  const started = performance.now();
  let rows = 0;
  for (const body of bodies) {
    const parsed = body.split('\n').map((line) => JSON.parse(line) as Row);
    insertBatch(parsed);
    rows += parsed.length;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { seconds, rows };
}

async function main(): Promise<void> {
  const deadline = setTimeout(() => {
    console.error('bench/ingest: deadline reached, stopping');
    process.exit(1);
  }, DEADLINE_MS);
  const nowMs = Date.now();
  const bodies = generateBodies(nowMs);
  const payloads = encodeBodies(bodies);
  console.log(
    `bench/ingest: ${TOTAL} records, batches of ${BATCH}${args.gzip ? ' (gzip)' : ''}, ${CLIENTS} concurrent clients, loopback`,
  );
  console.log(
    `load average ${loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} on ${availableParallelism()} cores`,
  );
  const ceiling = runCeiling(bodies);
  const ceilingRate = ceiling.rows / ceiling.seconds;
  console.log(`ceiling (JSON.parse + SQLite insert, in process): ${Math.round(ceilingRate)} records/s`);
  for (const engine of args.engines.split(',')) {
    const figures = await runEngine(engine, payloads, nowMs);
    const rate = figures.accepted / figures.seconds;
    console.log(
      [
        `${engine}: ${Math.round(rate)} records/s end to end (${figures.accepted} accepted in ${figures.seconds.toFixed(1)} s)`,
        `  ${(rate / ceilingRate).toFixed(2)} of the ceiling`,
        `  server CPU ${figures.serverCpuSeconds.toFixed(1)} s (${((figures.serverCpuSeconds / figures.seconds) * 100).toFixed(0)} % of one core; ${Math.round(figures.accepted / figures.serverCpuSeconds)} records per CPU-second), peak RSS ${figures.serverPeakRssMb.toFixed(0)} MiB`,
        ...(engine === 'postgres'
          ? [
              `  PostgreSQL backends CPU ${figures.engineCpuSeconds.toFixed(1)} s; server + backends: ${Math.round(figures.accepted / (figures.serverCpuSeconds + figures.engineCpuSeconds))} records per CPU-second`,
            ]
          : []),
        `  bench client CPU ${figures.clientCpuSeconds.toFixed(1)} s (sending and reading answers)`,
        `  in rollups afterwards: ${figures.inRollups} (${figures.inRollups === figures.accepted ? 'all' : 'MISMATCH'})`,
      ].join('\n'),
    );
    if (CPU_PROFILE_DIR) printProfileSummary(summariseProfiles(join(CPU_PROFILE_DIR, engine)), { top: 30 });
  }
  clearTimeout(deadline);
}

await main();
