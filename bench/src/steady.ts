// bench/steady: what `ganzhi serve` costs in steady state with 1,000 HTTP checks every 20 s run by its built-in agent
// (SQLite), beside Uptime Kuma 2 under the same load: CPU per check run, RSS, database growth per run, and the
// restart ramp (time until every check has run again after a restart).
//
//   node bench/dist/steady.js [--checks 1000] [--interval 20] [--window 180] [--settle-runs 22] [--cpu-prof <dir>]
//
// Everything runs on loopback and stops by itself; children are killed on every exit path. See bench/README.md.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { startGanzhiServer, type GanzhiServer } from './ganzhi-server.js';
import { measureProcessTree } from './process-tree.js';
import { countRunsPerSeries, countStoredRuns, growthByObject, readFootprint } from './sqlite-footprint.js';
import { startTarget } from './start-target.js';
import { printProfileSummary, summariseProfiles } from './cpu-profile-summary.js';

/** Uptime Kuma 2 with 1,000 HTTP monitors every 20 s on a 2-core machine like this one (figures we were given). */
const UPTIME_KUMA = { cpuMsPerCheck: 6.04, rssMb: 272, bytesPerCheck: 149, rampSeconds: 664 };
const GOALS = { cpuMsPerCheck: 0.5, rssMb: 150 };
const DEADLINE_MS = 40 * 60_000;
const MB = 1024 * 1024;

interface Options {
  readonly checks: number;
  readonly intervalSeconds: number;
  readonly windowSeconds: number;
  /** Runs of every check before the window: past the step-detail window (20), so the growth is the lasting one. */
  readonly settleRuns: number;
  readonly cpuProfileDir: string | undefined;
}

interface WindowFigures {
  readonly runs: number;
  readonly seconds: number;
  readonly cpuMsPerRun: number;
  readonly cpuCoresUsed: number;
  readonly peakRssMb: number;
  readonly endRssMb: number;
  readonly bytesPerRun: number;
  readonly growthByObject: { name: string; bytes: number }[];
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      checks: { type: 'string', default: '1000' },
      interval: { type: 'string', default: '20' },
      window: { type: 'string', default: '180' },
      'settle-runs': { type: 'string', default: '22' },
      'cpu-prof': { type: 'string' },
    },
  });
  const positive = (name: string, value: string) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive integer`);
    return parsed;
  };
  return {
    checks: positive('checks', values.checks),
    intervalSeconds: positive('interval', values.interval),
    windowSeconds: positive('window', values.window),
    settleRuns: positive('settle-runs', values['settle-runs']),
    cpuProfileDir: values['cpu-prof'] === undefined ? undefined : resolve(values['cpu-prof']),
  };
}

/** Creates the checks through the API, a few requests at a time (each one also reloads the built-in scheduler). */
async function createChecks(server: GanzhiServer, options: Options & { targetUrl: string }): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < options.checks) {
      const index = next++;
      await server.api('POST', 'checks', {
        name: `steady ${index + 1}`,
        intervalSeconds: options.intervalSeconds,
        steps: [{ kind: 'http', name: 'home', url: `${options.targetUrl}?check=${index + 1}` }],
      });
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** Waits until every check series has at least `runs` runs counted since `fromMs`; returns the seconds it took. */
async function waitUntilEveryCheckRan(
  server: GanzhiServer,
  options: { checks: number; runs: number; fromMs: number; timeoutSeconds: number },
): Promise<number> {
  const started = performance.now();
  for (;;) {
    const perSeries = countRunsPerSeries(server.databasePath, options.fromMs);
    const done = [...perSeries.values()].filter((count) => count >= options.runs).length;
    if (done >= options.checks) return (performance.now() - started) / 1000;
    if (performance.now() - started > options.timeoutSeconds * 1000)
      throw new Error(`only ${done} of ${options.checks} checks ran within ${options.timeoutSeconds} s`);
    if (server.process.child.exitCode !== null)
      throw new Error(`the server exited:\n${server.process.output().slice(-3000)}`);
    await sleep(500);
  }
}

/** CPU, memory and database growth of the server process tree over `windowSeconds`. */
async function measureWindow(server: GanzhiServer, windowSeconds: number): Promise<WindowFigures> {
  const pid = server.process.child.pid ?? 0;
  const footprintBefore = readFootprint(server.databasePath, { withObjects: true });
  const runsBefore = countStoredRuns(server.databasePath);
  const cpuBefore = measureProcessTree(pid).cpuSeconds;
  const started = performance.now();
  let peakRss = 0;
  while (performance.now() - started < windowSeconds * 1000) {
    peakRss = Math.max(peakRss, measureProcessTree(pid).rssBytes);
    await sleep(1000);
  }
  const end = measureProcessTree(pid);
  const seconds = (performance.now() - started) / 1000;
  const runs = countStoredRuns(server.databasePath) - runsBefore;
  const footprintAfter = readFootprint(server.databasePath, { withObjects: true });
  const cpuSeconds = end.cpuSeconds - cpuBefore;
  return {
    runs,
    seconds,
    cpuMsPerRun: (cpuSeconds * 1000) / runs,
    cpuCoresUsed: cpuSeconds / seconds,
    peakRssMb: Math.max(peakRss, end.rssBytes) / MB,
    endRssMb: end.rssBytes / MB,
    bytesPerRun: (footprintAfter.usedBytes - footprintBefore.usedBytes) / runs,
    growthByObject: growthByObject(footprintBefore, footprintAfter),
  };
}

/** Stops the server, starts it again on the same data, and times how long until every check has run again. */
async function measureRestart(server: GanzhiServer, options: Options & { dataDir: string }) {
  await server.process.stop();
  const restartedAtMs = Date.now();
  const started = performance.now();
  const again = await startGanzhiServer(options.dataDir);
  const readySeconds = (performance.now() - started) / 1000;
  // Minutes from the restart's own minute on; the counts there before the restart are subtracted.
  const fromMs = Math.floor(restartedAtMs / 60_000) * 60_000;
  const before = countRunsPerSeries(again.databasePath, fromMs);
  const startedPolling = performance.now();
  let everyCheckRanSeconds = Number.NaN;
  for (;;) {
    const now = countRunsPerSeries(again.databasePath, fromMs);
    const ran = [...now.entries()].filter(([key, count]) => count > (before.get(key) ?? 0)).length;
    if (ran >= options.checks) {
      everyCheckRanSeconds = (performance.now() - started) / 1000;
      break;
    }
    if ((performance.now() - startedPolling) / 1000 > 10 * options.intervalSeconds + 120) break;
    await sleep(250);
  }
  return { server: again, readySeconds, everyCheckRanSeconds };
}

function printFigures(figures: WindowFigures, ramp: { readySeconds: number; everyCheckRanSeconds: number }) {
  const rows: [string, string, string, string][] = [
    [
      'CPU per check run (process tree)',
      `${figures.cpuMsPerRun.toFixed(2)} ms`,
      `${UPTIME_KUMA.cpuMsPerCheck} ms`,
      `≤ ${GOALS.cpuMsPerCheck} ms`,
    ],
    ['RSS peak', `${figures.peakRssMb.toFixed(0)} MB`, `${UPTIME_KUMA.rssMb} MB`, `≤ ${GOALS.rssMb} MB`],
    ['RSS at the end', `${figures.endRssMb.toFixed(0)} MB`, '', ''],
    [
      'database growth per check run',
      `${figures.bytesPerRun.toFixed(0)} B`,
      `${UPTIME_KUMA.bytesPerCheck} B`,
      '',
    ],
    [
      'restart ramp (every check ran again)',
      `${ramp.everyCheckRanSeconds.toFixed(1)} s`,
      `${UPTIME_KUMA.rampSeconds} s`,
      '≤ one interval',
    ],
  ];
  console.log(
    `${'figure'.padEnd(38)} ${'ganzhi'.padStart(10)} ${'Uptime Kuma 2'.padStart(14)} ${'goal'.padStart(10)}`,
  );
  for (const [name, ours, kuma, goal] of rows)
    console.log(`${name.padEnd(38)} ${ours.padStart(10)} ${kuma.padStart(14)} ${goal.padStart(10)}`);
  console.log(
    `(${figures.runs} runs in ${figures.seconds.toFixed(0)} s = ${(figures.runs / figures.seconds).toFixed(1)} runs/s; ` +
      `the server used ${figures.cpuCoresUsed.toFixed(3)} cores; ready ${ramp.readySeconds.toFixed(1)} s after the restart)`,
  );
  console.log('database growth by table/index over the window:');
  for (const { name, bytes } of figures.growthByObject.slice(0, 8))
    console.log(`  ${name.padEnd(28)} ${(bytes / figures.runs).toFixed(1).padStart(7)} B per run`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const children = new Set<ChildProcess>();
  process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  setTimeout(() => {
    console.error(`bench: no result after ${DEADLINE_MS / 60_000} min, giving up`);
    process.exit(1);
  }, DEADLINE_MS).unref();
  const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-bench-steady-'));
  const target = await startTarget();
  children.add(target.child);
  let server = await startGanzhiServer(dataDir);
  children.add(server.process.child);
  console.log(
    `bench/steady: ${options.checks} HTTP checks every ${options.intervalSeconds} s, built-in agent, SQLite in ${dataDir}; ` +
      `load average ${loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')} on this machine before starting`,
  );
  const createdAtMs = Date.now();
  await createChecks(server, { ...options, targetUrl: target.url });
  // Settled: every check has run `settleRuns` times, then one more interval for the schedule to even out.
  const fromMs = Math.floor(createdAtMs / 60_000) * 60_000;
  const settle = {
    checks: options.checks,
    runs: options.settleRuns,
    fromMs,
    timeoutSeconds: 3 * options.settleRuns * options.intervalSeconds + 300,
  };
  const settledSeconds = await waitUntilEveryCheckRan(server, settle);
  console.log(
    `checks created and each run ${options.settleRuns} times after ${settledSeconds.toFixed(0)} s; ` +
      'settling one more interval',
  );
  if (options.cpuProfileDir) {
    // The profile covers the steady state only: the checks exist already, the profiled server restarts onto them.
    await server.process.stop();
    server = await startGanzhiServer(dataDir, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`],
    });
    children.add(server.process.child);
    console.log('restarted with --cpu-prof: figures below include the profiler and are not comparable');
  }
  await sleep(options.intervalSeconds * 1000);
  const figures = await measureWindow(server, options.windowSeconds);
  const loadDuring = loadavg();
  const restart = await measureRestart(server, { ...options, dataDir });
  server = restart.server;
  children.add(server.process.child);
  printFigures(figures, restart);
  console.log(`load average after the window: ${loadDuring.map((load) => load.toFixed(2)).join(' ')}`);
  await server.process.stop();
  if (options.cpuProfileDir) printProfileSummary(summariseProfiles(options.cpuProfileDir), { top: 25 });
  console.log(
    JSON.stringify({ bench: 'steady', ...options, figures, restart: { ...restart, server: undefined } }),
  );
  target.child.kill();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
  process.exit();
});
