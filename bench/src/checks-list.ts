// bench/checks-list: what the checks page costs at scale — 10,000 checks with runs — on SQLite and PostgreSQL: the
// first page (default sort), a filtered page (channel + city subtree + name text), a sort by last run time and by
// success ratio, and the call without parameters the console used to make (the whole list before pagination; the
// first page since), each as p50/p95 time over loopback HTTP and response bytes. A deadline stops everything it
// started.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createSilentLogger } from '@ganzhi/runtime';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { generateChecks } from './checks-list-data.js';

const { values: args } = parseArgs({
  options: {
    engines: { type: 'string', default: 'sqlite,postgres' },
    checks: { type: 'string', default: '10000' },
    'runs-per-check': { type: 'string', default: '24' },
    reps: { type: 'string', default: '30' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const DEADLINE_MS = 30 * 60_000;
const PASSWORD = 'bench-checks-list-password';
const DATABASE = 'ganzhi_bench_checks_list';

interface Sample {
  readonly ms: number;
  readonly bytes: number;
  readonly status: number;
  /** Items in the answer, and the total it reports (the item count before totals existed). */
  readonly items: number;
  readonly total: number;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function summarise(samples: readonly Sample[]): string {
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const bytes = samples.at(-1)?.bytes ?? 0;
  return (
    `p50 ${percentile(sorted, 0.5).toFixed(1).padStart(7)} ms · p95 ${percentile(sorted, 0.95).toFixed(1).padStart(7)} ms` +
    ` · ${(bytes / 1024).toFixed(1).padStart(8)} KB`
  );
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
    await admin.query(`drop database if exists ${DATABASE} with (force)`);
    await admin.query(`create database ${DATABASE}`);
    await admin.end();
    env.DATABASE_URL = args['pg-url'].replace(/\/[^/]*$/, `/${DATABASE}`);
    drop = async () => {
      const client = new pg.Client({ connectionString: args['pg-url'] });
      await client.connect();
      await client.query(`drop database if exists ${DATABASE} with (force)`);
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

/** Times `reps` requests after two warm-ups; the body is read in full, so its transfer is part of the time. */
async function timeRequests(server: RunningServer, cookie: string, path: string): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = -2; i < Number(args.reps); i += 1) {
    const started = performance.now();
    const response = await fetch(new URL(`api/v1/${path}`, server.url), { headers: { cookie } });
    const body = await response.arrayBuffer();
    const ms = performance.now() - started;
    if (!response.ok) throw new Error(`${path}: ${response.status} ${Buffer.from(body).toString()}`);
    const page = JSON.parse(Buffer.from(body).toString()) as { items: unknown[]; total?: number };
    const items = page.items.length;
    const sample = { ms, bytes: body.byteLength, status: response.status, items, total: page.total ?? items };
    if (i >= 0) samples.push(sample);
  }
  return samples;
}

async function runEngine(engine: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `ganzhi-bench-checks-${engine}-`));
  const { server, drop } = await openEngine(engine, dataDir);
  try {
    const data = await generateChecks(server.services, {
      nowMs: Date.now(),
      checks: Number(args.checks),
      runsPerCheck: Number(args['runs-per-check']),
    });
    console.log(
      `\n[${engine}] ${data.checks.toLocaleString()} checks, ${data.runs.toLocaleString()} runs written in ${(data.elapsedMs / 1000).toFixed(1)} s` +
        ` (runs through the run service: ${(data.runs / (data.runsElapsedMs / 1000)).toFixed(0)} runs/s)`,
    );
    const cookie = await login(server.url);
    const { channel, city, text } = data.sample;
    const filter = `channel=${channel}&region=${city}&text=${text}`;
    const queries: [string, string][] = [
      ['first page (50, default sort)', 'checks?limit=50'],
      ['filtered page (channel+city+text)', `checks?limit=50&${filter}`],
      ['sort by last run time', 'checks?limit=50&sort=lastRunAt:desc'],
      ['sort by success ratio', 'checks?limit=50&sort=successRatio24h:asc'],
      ['no parameters (old console call)', 'checks'],
    ];
    for (const [label, path] of queries) {
      const samples = await timeRequests(server, cookie, path);
      const last = samples.at(-1);
      const counts = last ? ` · ${last.items} of ${last.total} checks` : '';
      console.log(`[${engine}] ${label.padEnd(36)} ${summarise(samples)}${counts}`);
    }
  } finally {
    await server.close();
    await drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const deadline = setTimeout(() => {
  console.error(`bench/checks-list: still running after ${DEADLINE_MS / 60_000} min, stopping`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

for (const engine of args.engines.split(',')) await runEngine(engine.trim());
