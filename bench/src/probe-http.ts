// Benchmark: CPU cost and throughput of Ganzhi's HTTP probe, compared with Prometheus' blackbox exporter when present.
//
//   node bench/dist/probe-http.js [--n 2000] [--concurrency 20]
//
// Everything runs on loopback and stops by itself; children are killed on every exit path. See bench/README.md.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { httpStepSchema } from '@ganzhi/contracts';
import { createBenchRunner, parseRunnerChoice, type RunnerChoice } from './flow-runner-choice.js';
import { BLACKBOX_BINARY, BlackboxExporter } from './blackbox-exporter.js';
import { measureChecks } from './measure-checks.js';
import { measurePaced } from './measure-paced.js';
import { startTarget } from './start-target.js';
import type { CheckFigures } from './measure-checks.js';

interface BenchOptions {
  readonly count: number;
  readonly concurrency: number;
  readonly warmupCount: number;
  readonly runner: RunnerChoice;
  /** Checks started per second, as a scheduler starts them; null runs them back to back at `concurrency`. */
  readonly perSecond: number | null;
}

/** A bench that has not finished by then is stuck, not slow: it kills its children and fails. */
const DEADLINE_MS = 10 * 60_000;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const children = new Set<ChildProcess>();
  const killChildren = (): void => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  const deadline = setTimeout(() => {
    console.error(`bench: no result after ${DEADLINE_MS / 1000} s, giving up`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();

  const target = await startTarget();
  children.add(target.child);
  console.log(`target: ${target.url} (node:http in child pid ${target.child.pid}, its CPU not counted)`);
  console.log(
    `checks: ${options.count} after ${options.warmupCount} warm-up, ` +
      (options.perSecond === null
        ? `concurrency ${options.concurrency}`
        : `${options.perSecond} started per second`) +
      `, runner ${options.runner}`,
  );

  const ganzhi = await benchGanzhi(target.url, options);
  printFigures('ganzhi  ', ganzhi);
  const blackbox = await benchBlackbox(target.url, options);
  if (blackbox !== null) printFigures('blackbox', blackbox);
  const ratio = blackbox === null ? null : ganzhi.cpuSecondsPer1000Checks / blackbox.cpuSecondsPer1000Checks;
  if (ratio !== null) console.log(`CPU per check, ganzhi ÷ blackbox: ${ratio.toFixed(2)}`);
  console.log(
    JSON.stringify({ bench: 'probe-http', ...options, ganzhi, blackbox, cpuRatioGanzhiToBlackbox: ratio }),
  );
  target.child.kill();
}

/**
 * Ganzhi's side: full flow runs of a one-step check, each on a fresh connection, through the chosen runner (the
 * worker pool by default, as agents run them); CPU of this process, all its threads.
 */
async function benchGanzhi(url: string, options: BenchOptions): Promise<CheckFigures> {
  const steps = [httpStepSchema.parse({ kind: 'http', url, timeoutMs: 5_000 })];
  const runner = createBenchRunner(options.runner);
  const workload = {
    ...options,
    runCheck: async () => (await runner.run({ steps })).result.ok,
    readCpuSeconds: () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    },
  };
  try {
    return await (options.perSecond === null
      ? measureChecks(workload)
      : measurePaced(workload, options.perSecond));
  } finally {
    await runner.stop();
  }
}

/** The exporter's side: the same checks through `/probe`; CPU of the exporter process only. Null when skipped. */
async function benchBlackbox(url: string, options: BenchOptions): Promise<CheckFigures | null> {
  if (!existsSync(BLACKBOX_BINARY)) {
    console.log(
      `blackbox: skipped (${BLACKBOX_BINARY} not found; apt-get install prometheus-blackbox-exporter)`,
    );
    return null;
  }
  const exporter = await BlackboxExporter.start(BLACKBOX_BINARY);
  try {
    console.log(`blackbox: ${BLACKBOX_BINARY} in child pid ${exporter.pid}`);
    return await measureChecks({
      ...options,
      runCheck: () => exporter.probe(url),
      readCpuSeconds: () => exporter.readCpuSeconds(),
    });
  } finally {
    await exporter.stop();
  }
}

function parseOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    options: {
      n: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '20' },
      runner: { type: 'string', default: 'workers' },
      'per-second': { type: 'string' },
    },
  });
  const perSecond =
    values['per-second'] === undefined ? null : parsePositiveInteger('--per-second', values['per-second']);
  const count = parsePositiveInteger('--n', values.n);
  const concurrency = parsePositiveInteger('--concurrency', values.concurrency);
  const runner = parseRunnerChoice(values.runner);
  // Enough for JIT and Go's runtime to settle, without dwarfing a small --n.
  return { count, concurrency, runner, perSecond, warmupCount: Math.min(200, Math.ceil(count / 10)) };
}

function parsePositiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${flag} must be a positive integer, got ${value}`);
  return parsed;
}

function printFigures(label: string, figures: CheckFigures): void {
  console.log(
    `${label}: ${figures.checks} checks in ${figures.wallSeconds.toFixed(2)} s = ${figures.checksPerSecond.toFixed(0)} checks/s; ` +
      `CPU ${figures.cpuSeconds.toFixed(2)} s = ${figures.cpuSecondsPer1000Checks.toFixed(3)} CPU-s per 1,000 checks` +
      (figures.failures > 0 ? `; ${figures.failures} FAILED` : ''),
  );
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
  process.exit();
});
