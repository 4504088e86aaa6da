// Benchmark: an agent's outbox after a long outage — disk per buffered run, then a real `ganzhi agent` draining
// 100,000 buffered runs into a real `ganzhi serve` while its checks keep running.
//
//   node bench/dist/agent-backlog.js [--runs 100000] [--checks 24] [--speedup 60]
//
// Loopback only; stops by itself (children are killed and temp dirs removed on every exit path). See bench/README.md.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { parseAgentConfig } from '@ganzhi/agent';
import type { Check } from '@ganzhi/contracts';
import { ALLOW_ALL_ADDRESSES, runFlow } from '@ganzhi/probes';
import { systemClock } from '@ganzhi/runtime';
import { spawnGanzhi, type GanzhiProcess } from '@ganzhi/testing';
import { startGanzhiServer, type GanzhiServer } from './ganzhi-server.js';
import { fmt, printOutboxSizes, printSizing } from './backlog-report.js';
import { measureAppendMs, prefillOutbox, type RunTemplate } from './outbox-prefill.js';
import { listDescendants, measureTree } from './process-tree.js';
import { startTarget } from './start-target.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    checks: { type: 'string', default: '24' },
    speedup: { type: 'string', default: '60' },
  },
});
function parsePositive(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`--${flag} must be a positive integer, got ${value}`);
  return parsed;
}
const RUNS = parsePositive('runs', args.runs);
const CHECKS = parsePositive('checks', args.checks);
const SPEEDUP = parsePositive('speedup', args.speedup);
const LOCATION = 'changsha';
const DEADLINE_MS = 10 * 60_000;
const MiB = 1024 ** 2;
// The sizing load: 50 checks at a 1-minute interval, the 72-hour outage an agent must ride out.
const SIZING = { checks: 50, intervalSeconds: 60, hours: 72 };

// On every exit path: every descendant first (SIGKILL, also a server or agent still starting), then the directories
// (retried: a killed child may still be closing files for a few milliseconds), each step on its own.
const directories: string[] = [];
process.once('exit', () => {
  for (const { pid } of listDescendants(process.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  for (const dir of directories) {
    try {
      rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    } catch (error) {
      console.error(`could not remove ${dir}:`, error);
    }
  }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const deadline = setTimeout(() => {
  console.error(`bench/agent-backlog: no result after ${DEADLINE_MS / 1000} s, giving up`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

function scratchDir(parent: string, prefix: string): string {
  const dir = mkdtempSync(join(parent, prefix));
  directories.push(dir);
  return dir;
}

/** Reads a SQLite file of another process (WAL mode) read-only, closing it afterwards. */
function readDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const patterns = { server: /main\.js\0serve/, agent: /main\.js\0agent/ };

/** Peak RSS and CPU of the `ganzhi serve` and `ganzhi agent` children from now on, sampled every 250 ms. */
function sampleProcesses() {
  const serverCpuStart = measureTree(process.pid, patterns.server).cpuSeconds;
  const peakRss = { server: 0, agent: 0 };
  const timer = setInterval(() => {
    peakRss.server = Math.max(peakRss.server, measureTree(process.pid, patterns.server).rssBytes);
    peakRss.agent = Math.max(peakRss.agent, measureTree(process.pid, patterns.agent).rssBytes);
  }, 250);
  return () => {
    clearInterval(timer);
    const cpuSeconds = {
      server: measureTree(process.pid, patterns.server).cpuSeconds - serverCpuStart,
      agent: measureTree(process.pid, patterns.agent).cpuSeconds,
    };
    return { peakRss, cpuSeconds };
  };
}

/** Checks at one location, one real run of each (the template of its buffered runs), and an enrolment token. */
async function createChecks(server: GanzhiServer, targetUrl: string) {
  const checks: Check[] = [];
  const templates: RunTemplate[] = [];
  for (let i = 0; i < CHECKS; i++) {
    const check = await server.api<Check>('POST', 'checks', {
      name: `Changsha web hall balance ${i + 1}`,
      intervalSeconds: 60,
      locations: [LOCATION],
      steps: [{ kind: 'http', name: 'balance page', url: `${targetUrl}page`, bodyContains: '余额' }],
    });
    const flow = await runFlow(check.steps, { clock: systemClock, addressPolicy: ALLOW_ALL_ADDRESSES });
    const { artifacts: _artifacts, variables: _variables, ...run } = flow;
    checks.push(check);
    templates.push({
      checkId: check.id,
      intervalSeconds: check.intervalSeconds,
      run: { ...run, artifacts: [] },
    });
  }
  const { token } = await server.api<{ token: string }>('POST', 'agents/enrolment-tokens', {
    location: LOCATION,
  });
  return { checks, templates, token };
}

/** `ganzhi agent` on `dataDir`, its checks `SPEEDUP` times more often than their interval; resolves when ready. */
async function startAgentProcess(serverUrl: string, dataDir: string, token: string) {
  const { process: agent, match } = await spawnGanzhi({
    args: [
      'agent',
      '--server',
      serverUrl,
      '--location',
      LOCATION,
      '--name',
      'changsha-backlog',
      '--data-dir',
      dataDir,
    ],
    env: {
      GANZHI_AGENT_TOKEN: token,
      GANZHI_AGENT_SPEEDUP: String(SPEEDUP),
      GANZHI_AGENT_UPLOAD_MAX_BACKOFF_MS: '2000',
    },
    readyLine: /^Ganzhi agent .*\(buffer (\d+) runs/,
    timeoutMs: 60_000,
  });
  return { agent, bufferedAtStart: Number(match[1]) };
}

/** Polls the agent's outbox (read-only) until no run older than the agent's start is left in it. */
async function waitForDrain(agent: GanzhiProcess, outboxPath: string, agentStartMs: number): Promise<void> {
  const started = performance.now();
  let lastPrintMs = started;
  for (;;) {
    await sleep(200);
    if (agent.child.exitCode !== null) throw new Error(`the agent exited:\n${agent.output().slice(-3000)}`);
    const left = readDb(outboxPath, (db) => {
      const row = db.prepare('SELECT count(*) AS n FROM outbox_runs WHERE started_at < ?').get(agentStartMs);
      return (row as { n: number }).n;
    });
    if (left === 0) return;
    if (performance.now() - lastPrintMs > 15_000) {
      lastPrintMs = performance.now();
      const seconds = (lastPrintMs - started) / 1000;
      console.log(`  ${fmt(seconds).padStart(4)} s: ${fmt(RUNS - left)} buffered runs uploaded`);
    }
  }
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The server's runs split into buffered and live, and the widest gap between live runs of one check. */
function readDelivery(databasePath: string, prefillIds: ReadonlySet<string>, drainEndMs: number) {
  type Row = { id: Buffer; check_id: string; started_at: number };
  const rows = readDb(
    databasePath,
    (db) =>
      db
        .prepare('SELECT r.id, c.check_id, r.started_at FROM runs r JOIN run_checks c ON c.no = r.check_no')
        .all() as Row[],
  );
  // Run ids are stored as the 16 bytes of their UUID (the agent's ids all are).
  const stored = rows.map((row) => ({ ...row, id: uuidOf(row.id) }));
  const live = stored.filter((run) => !prefillIds.has(run.id));
  const liveStarts = new Map<string, number[]>();
  for (const run of live)
    liveStarts.set(run.check_id, [...(liveStarts.get(run.check_id) ?? []), run.started_at]);
  let widestLiveGapMs = 0;
  for (const starts of liveStarts.values()) {
    starts.sort((a, b) => a - b);
    starts.forEach(
      (start, i) => (widestLiveGapMs = Math.max(widestLiveGapMs, start - (starts[i - 1] ?? start))),
    );
  }
  return {
    stored: stored.length,
    distinct: new Set(stored.map((run) => run.id)).size,
    prefillStored: stored.length - live.length,
    live: live.length,
    liveDuringDrain: live.filter((run) => run.started_at <= drainEndMs).length,
    widestLiveGapMs,
  };
}

async function main(): Promise<void> {
  const root = scratchDir(tmpdir(), 'ganzhi-bench-backlog-');
  const target = await startTarget();
  const server = await startGanzhiServer(join(root, 'server'));
  console.log(`bench/agent-backlog: ${fmt(RUNS)} buffered runs, ${CHECKS} live checks at speedup ${SPEEDUP}`);
  const { templates, token } = await createChecks(server, target.url);

  // 1. Prefill on tmpfs (one fsync per append would take minutes on disk), then copy the closed file to disk.
  const shmDir = scratchDir(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ganzhi-bench-outbox-');
  const prefill = prefillOutbox({
    path: join(shmDir, 'outbox.db'),
    templates,
    count: RUNS,
    endMs: Date.now(),
    location: LOCATION,
    sizeEvery: Math.max(1, Math.floor(RUNS / 10)),
  });
  const agentDir = join(root, 'agent');
  const outboxPath = join(agentDir, 'outbox.db');
  mkdirSync(agentDir);
  copyFileSync(join(shmDir, 'outbox.db'), outboxPath);
  const appendMs = measureAppendMs(join(root, 'append-probe', 'outbox.db'), templates[0] as RunTemplate, 500);
  const coveredHours = (Date.now() - prefill.oldestStartedAtMs) / 3_600_000;
  console.log(
    `prefill: ${fmt(RUNS)} runs in ${fmt(prefill.seconds, 1)} s (${fmt(RUNS / prefill.seconds)} appends/s on tmpfs), ` +
      `${fmt(coveredHours, 1)} h of ${CHECKS} checks at a 60 s interval`,
  );
  console.log(`  one append on this disk (a synchronous=FULL commit): ${fmt(appendMs, 2)} ms`);
  const growth = printOutboxSizes(prefill.sizes);

  // 2. A real agent drains the backlog while its checks keep running.
  const sampler = sampleProcesses();
  const agentStartMs = Date.now();
  const started = performance.now();
  const { agent, bufferedAtStart } = await startAgentProcess(server.url, agentDir, token);
  const readySeconds = (performance.now() - started) / 1000;
  const rssAtReady = {
    server: measureTree(process.pid, patterns.server).rssBytes,
    agent: measureTree(process.pid, patterns.agent).rssBytes,
  };
  await waitForDrain(agent, outboxPath, agentStartMs);
  const drainSeconds = (performance.now() - started) / 1000;
  const drainEndMs = Date.now();
  const usage = sampler();
  await agent.stop(); // SIGTERM: commits runs in flight and flushes what is left
  const remaining = readDb(outboxPath, (db) => ({
    runs: (db.prepare('SELECT count(*) AS n FROM outbox_runs').get() as { n: number }).n,
    gaps: (db.prepare('SELECT count(*) AS n FROM outbox_gaps').get() as { n: number }).n,
  }));
  const delivery = readDelivery(server.databasePath, prefill.ids, drainEndMs);
  await server.process.stop();

  // 3. Delivery: every buffered run once, live runs without holes, nothing left behind.
  const isConsistent =
    bufferedAtStart === RUNS &&
    delivery.stored === delivery.distinct &&
    delivery.prefillStored === RUNS &&
    remaining.runs === 0 &&
    remaining.gaps === 0;
  const live = `${fmt(delivery.liveDuringDrain)} (${fmt(delivery.liveDuringDrain / drainSeconds, 1)}/s)`;
  console.log(
    [
      `drain: ${fmt(RUNS)} buffered runs delivered in ${fmt(drainSeconds, 1)} s = ${fmt(RUNS / drainSeconds)} runs/s ` +
        `(from spawning the agent; it was ready after ${fmt(readySeconds, 1)} s with ${fmt(bufferedAtStart)} buffered)`,
      `  live runs produced meanwhile: ${live}; widest gap between live runs of one check ` +
        `${fmt(delivery.widestLiveGapMs / 1000, 1)} s (interval ${fmt(60 / SPEEDUP, 1)} s)`,
      `  agent: CPU ${fmt(usage.cpuSeconds.agent, 1)} s, peak RSS ${fmt(usage.peakRss.agent / MiB)} MiB (${fmt(rssAtReady.agent / MiB)} MiB when ready)`,
      `  server: CPU ${fmt(usage.cpuSeconds.server, 1)} s (${fmt((usage.cpuSeconds.server / drainSeconds) * 100)} % of one core), ` +
        `peak RSS ${fmt(usage.peakRss.server / MiB)} MiB (${fmt(rssAtReady.server / MiB)} MiB before)`,
      `delivery: ${fmt(delivery.stored)} runs on the server = ${fmt(delivery.prefillStored)} of ${fmt(RUNS)} buffered + ` +
        `${fmt(delivery.live)} live; ${fmt(delivery.stored - delivery.distinct)} duplicate ids; ${remaining.runs} runs and ` +
        `${remaining.gaps} gaps left in the outbox — ${isConsistent ? 'no loss, no duplicates' : 'MISMATCH'}`,
    ].join('\n'),
  );

  // 4. Sizing: what a 72-hour outage buffers at a normal load, against the agent's default bounds.
  const defaults = parseAgentConfig({}, { server: 'http://127.0.0.1/', location: LOCATION });
  const sizing = printSizing(growth, {
    ...SIZING,
    bufferMaxBytes: defaults.bufferMaxBytes,
    bufferMaxAgeHours: defaults.bufferMaxAgeMs / 3_600_000,
  });
  console.log(
    JSON.stringify({
      bench: 'agent-backlog',
      ...{ runs: RUNS, checks: CHECKS, speedup: SPEEDUP },
      prefill: { seconds: prefill.seconds, appendMsOnDisk: appendMs, sizes: prefill.sizes, growth },
      drain: {
        seconds: drainSeconds,
        runsPerSecond: RUNS / drainSeconds,
        readySeconds,
        rssAtReady,
        ...usage,
      },
      delivery: { ...delivery, remaining, isConsistent },
      sizing: { ...SIZING, ...sizing },
    }),
  );
  target.child.kill(); // its IPC channel would keep this process alive
  if (!isConsistent) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
  process.exit();
});
