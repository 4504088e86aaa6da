// bench/run-storage: what storing one probe run costs in the database. 1,000 one-step HTTP checks every 20 s,
// simulated (a real run's shape with varying timings) and recorded through the server's real recording path
// (`services.runs.recordRun` of an in-process `startServer`, on a fake clock so minutes pass in seconds, its jobs —
// rollup compaction included — running as the clock moves). Prints bytes per run for the first minutes from an empty
// database and in steady state (every check already has more runs than keep their step results), per engine.
//
//   node bench/dist/run-storage.js [--checks 1000] [--interval 20] [--minutes 3] [--failure-percent 0]
//                                  [--engines sqlite,postgres] [--pg-url postgres://postgres@127.0.0.1:5432/test]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { checkInputSchema, type Check, type Run } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { parseServerConfig, startServer, systemContext, type RunningServer } from '@ganzhi/server';
import { FakeClock } from '@ganzhi/testing';
import { engineFootprint, openBenchEngine, type EngineFootprint } from './run-storage-engine.js';

const { values: args } = parseArgs({
  options: {
    checks: { type: 'string', default: '1000' },
    interval: { type: 'string', default: '20' },
    minutes: { type: 'string', default: '3' },
    'failure-percent': { type: 'string', default: '0' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const CHECKS = Number(args.checks);
const INTERVAL_S = Number(args.interval);
const MINUTES = Number(args.minutes);
const FAILURE_PERCENT = Number(args['failure-percent']);
/** More than any step-detail window we compare (20 by default), so the steady phase starts with every window full. */
const WARM_UP_RUNS_PER_CHECK = 25;

/** A one-step HTTP run as the built-in agent stores it (the shape of a real run against the bench target). */
function simulatedRun(check: Check, startedAtMs: number, index: number): Run {
  // WAN-like digits, as in bench/agent-backlog: loopback timings would compress better than real ones.
  const connectMs = 2 + ((index * 7919) % 38_000) / 1000;
  const firstByteMs = 20 + ((index * 104_729) % 400_000) / 1000;
  const downloadMs = ((index * 31) % 3000) / 1000;
  const totalMs = Math.round((connectMs + firstByteMs + downloadMs) * 1000) / 1000;
  const failed = (index * 37) % 100 < FAILURE_PERCENT;
  const status = failed ? 503 : 200;
  return {
    id: crypto.randomUUID(),
    checkId: check.id,
    agentId: 'builtin-local',
    location: 'local',
    startedAt: new Date(startedAtMs).toISOString(),
    durationMs: Math.ceil(totalMs + 1),
    ok: !failed,
    errorClass: failed ? 'http_status' : null,
    errorMessage: failed ? 'unexpected status 503 (expected 2xx)' : null,
    artifacts: [],
    steps: [
      {
        index: 0,
        kind: 'http',
        name: 'home',
        ok: !failed,
        startedAt: new Date(startedAtMs + 1).toISOString(),
        timings: { dnsMs: null, connectMs, tlsMs: null, firstByteMs, downloadMs, totalMs },
        errorClass: failed ? 'http_status' : null,
        errorMessage: failed ? 'unexpected status 503 (expected 2xx)' : null,
        assertions: [{ name: 'status', ok: !failed, expected: '2xx', actual: String(status) }],
        detail: {
          remoteAddress: '10.20.30.40',
          remotePort: 443,
          status,
          httpVersion: '1.1',
          contentType: 'text/html; charset=utf-8',
          bytes: 18_734 + (index % 200),
          bodyTruncated: false,
          redirects: 0,
          finalUrl: `https://wt.example.cn/portal/home?check=${check.name}`,
        },
      },
    ],
  };
}

async function createChecks(server: RunningServer, clock: FakeClock): Promise<Check[]> {
  const ctx = systemContext({ clock, logger: createSilentLogger() });
  const checks: Check[] = [];
  for (let i = 0; i < CHECKS; i++) {
    // Disabled: the built-in agent must not run them; their runs come from this bench only.
    const input = checkInputSchema.parse({
      name: `check-${i + 1}`,
      enabled: false,
      intervalSeconds: INTERVAL_S,
      steps: [{ kind: 'http', url: `https://wt.example.cn/portal/home?check=${i + 1}` }],
    });
    checks.push(await server.services.checks.createCheck({ ctx, input }));
  }
  return checks;
}

/** Records every check's runs for `seconds` of simulated time, each check at its own offset in the interval. */
async function simulate(
  server: RunningServer,
  load: {
    clock: FakeClock;
    checks: readonly Check[];
    seconds: number;
    counter: { runs: number };
    vacuum?: (() => Promise<void>) | undefined;
  },
): Promise<void> {
  const { clock, checks, counter } = load;
  for (let second = 0; second < load.seconds; second++) {
    const nowMs = clock.now();
    const due = checks.filter((_, index) => index % INTERVAL_S === Math.floor(nowMs / 1000) % INTERVAL_S);
    const recorded = due.map((check, index) =>
      server.services.runs.recordRun({
        run: simulatedRun(check, nowMs + index * 5, counter.runs + index),
        check,
      }),
    );
    counter.runs += due.length;
    // The clock moves while the runs are written: a write that waits for company is woken by it.
    await clock.advance(1000);
    await Promise.all(recorded);
    // Simulated minutes pass in seconds, too fast for PostgreSQL's autovacuum (its nap alone is a minute): vacuum
    // once a simulated minute, as autovacuum would about as often at this write rate.
    if (load.vacuum && Math.floor(clock.now() / 1000) % 60 === 0) await load.vacuum();
  }
}

function printPhase(label: string, runs: number, before: EngineFootprint, after: EngineFootprint): void {
  const per = (bytes: number) => `${(bytes / runs).toFixed(1).padStart(7)} B`;
  const runTables = after.runTablesBytes - before.runTablesBytes;
  const rollups = after.rollupBytes - before.rollupBytes;
  const total = after.totalBytes - before.totalBytes;
  console.log(
    `  ${label.padEnd(34)} ${String(runs).padStart(6)} runs: ${per(total)} per run in all, ` +
      `${per(runTables)} in run tables, ${per(rollups)} in rollups, ${per(total - runTables - rollups)} elsewhere`,
  );
  for (const [name, bytes] of after.byObject) {
    const grown = bytes - (before.byObject.get(name) ?? 0);
    if (grown > 0) console.log(`      ${name.padEnd(36)} ${per(grown)}`);
  }
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-bench-run-storage-'));
  const opened = await openBenchEngine(engine, { pgUrl: args['pg-url'], dataDir });
  const clock = new FakeClock(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const config = parseServerConfig(opened.env, { port: 0, dataDir });
  const server = await startServer(config, { logger: createSilentLogger(), clock });
  try {
    const checks = await createChecks(server, clock);
    const counter = { runs: 0 };
    const seconds = MINUTES * 60;
    const db = server.services.db;
    const vacuum =
      engine === 'postgres'
        ? async () => {
            await sql`vacuum`.execute(db);
          }
        : undefined;
    console.log(`${engine}:`);
    const empty = await engineFootprint(engine, server.services.db);
    await simulate(server, { clock, checks, seconds, counter, vacuum });
    const first = await engineFootprint(engine, server.services.db);
    printPhase(`first ${MINUTES} min from empty`, counter.runs, empty, first);
    const warmUpSeconds = Math.max(0, WARM_UP_RUNS_PER_CHECK * INTERVAL_S - seconds);
    await simulate(server, { clock, checks, seconds: warmUpSeconds, counter, vacuum });
    const warm = await engineFootprint(engine, server.services.db);
    const runsBefore = counter.runs;
    await simulate(server, { clock, checks, seconds, counter, vacuum });
    const steady = await engineFootprint(engine, server.services.db);
    printPhase(`${MINUTES} min in steady state`, counter.runs - runsBefore, warm, steady);
  } finally {
    await server.close();
    await opened.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(
    `bench/run-storage: ${CHECKS} checks every ${INTERVAL_S} s, ${FAILURE_PERCENT} % failing, ${MINUTES} min per phase ` +
      `(simulated runs through services.runs.recordRun); load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  for (const engine of args.engines.split(',')) {
    if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`unknown engine ${engine}`);
    await benchEngine(engine);
  }
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
  process.exit();
});
