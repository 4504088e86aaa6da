// Benchmark: cost of a three-step HTTP journey and of a one-page browser check, as the flow engine runs them.
//
//   node bench/dist/probe-flow.js [--n 600] [--concurrency 10] [--browser-n 40] [--browser-concurrency 2]
//                                 [--runner workers|in-process]
//
// Everything runs on loopback and stops by itself. See bench/README.md.
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { stepSchema, type Step } from '@ganzhi/contracts';
import type { FlowRunner } from '@ganzhi/probes';
import { createBenchRunner, parseRunnerChoice } from './flow-runner-choice.js';
import { measureChecks, type CheckFigures } from './measure-checks.js';
import { measureTree } from './process-tree.js';
import { startTarget } from './start-target.js';

const CHROMIUM = '/usr/bin/chromium';
const DEADLINE_MS = 10 * 60_000;

function journey(base: string): Step[] {
  return [
    {
      kind: 'http',
      name: 'login',
      method: 'POST',
      url: `${base}login`,
      json: { phone: '13800000001' },
      extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
    },
    {
      kind: 'http',
      name: 'bill',
      url: `${base}bill?month={{$month}}`,
      auth: { type: 'bearer', token: '{{token}}' },
      assert: [{ subject: 'jsonPath', expression: '$.totalYuan', comparison: 'greaterThan', value: 0 }],
    },
    { kind: 'http', name: 'confirm', method: 'POST', url: `${base}confirm`, json: { ok: true } },
  ].map((step) => stepSchema.parse(step));
}

function browserCheck(base: string): Step[] {
  return [
    stepSchema.parse({
      kind: 'browser',
      actions: [
        { action: 'goto', url: `${base}page` },
        { action: 'assertVisible', selector: '#balance' },
      ],
    }),
  ];
}

function report(label: string, figures: CheckFigures, cores = 1): void {
  const perMinutePerCore = (60 / ((figures.cpuSecondsPer1000Checks / 1000) * cores || Infinity)).toFixed(0);
  console.log(
    `${label}: ${figures.checks} runs in ${figures.wallSeconds.toFixed(2)} s = ${(figures.checksPerSecond * 60).toFixed(0)} runs/min; ` +
      `CPU ${figures.cpuSecondsPer1000Checks.toFixed(2)} CPU-s per 1,000 runs = ${perMinutePerCore} runs/min per core` +
      (figures.failures > 0 ? `; ${figures.failures} FAILED` : ''),
  );
}

async function benchBrowser(
  base: string,
  runner: FlowRunner,
  options: { count: number; concurrency: number },
) {
  const steps = browserCheck(base);
  let peakRssBytes = 0;
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, measureTree(process.pid, /chrom/i).rssBytes);
  }, 100);
  try {
    const figures = await measureChecks({
      count: options.count,
      concurrency: options.concurrency,
      warmupCount: 2,
      runCheck: async () => (await runner.run({ steps })).result.ok,
      // The browser's own processes do the work: ours plus the whole Chromium tree.
      readCpuSeconds: () => {
        const own = process.cpuUsage();
        return (own.user + own.system) / 1e6 + measureTree(process.pid, /chrom/i).cpuSeconds;
      },
    });
    return { figures, peakBrowserRssMiB: peakRssBytes / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '600' },
      concurrency: { type: 'string', default: '10' },
      'browser-n': { type: 'string', default: '40' },
      'browser-concurrency': { type: 'string', default: '2' },
      runner: { type: 'string', default: 'workers' },
    },
  });
  const runnerChoice = parseRunnerChoice(values.runner);
  const children = new Set<ChildProcess>();
  process.once('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  setTimeout(() => {
    console.error('bench: no result after 10 minutes, giving up');
    process.exit(1);
  }, DEADLINE_MS).unref();

  const target = await startTarget();
  children.add(target.child);
  const steps = journey(target.url);
  // Flows run as agents run them: in the worker pool by default (CPU counts every thread of this process).
  const runner = createBenchRunner(runnerChoice, existsSync(CHROMIUM) ? { chromiumPath: CHROMIUM } : {});
  console.log(`runner: ${runnerChoice}`);
  const flow = await measureChecks({
    count: Number(values.n),
    concurrency: Number(values.concurrency),
    warmupCount: 50,
    runCheck: async () => (await runner.run({ steps })).result.ok,
    readCpuSeconds: () => {
      const usage = process.cpuUsage();
      return (usage.user + usage.system) / 1e6;
    },
  });
  report('3-step http flow', flow);

  let browser: Awaited<ReturnType<typeof benchBrowser>> | null = null;
  if (existsSync(CHROMIUM)) {
    browser = await benchBrowser(target.url, runner, {
      count: Number(values['browser-n']),
      concurrency: Number(values['browser-concurrency']),
    });
    report('1-page browser ', browser.figures);
    console.log(`browser pool peak RSS: ${browser.peakBrowserRssMiB.toFixed(0)} MiB`);
  } else {
    console.log(`browser: skipped (${CHROMIUM} not found; apt-get install chromium)`);
  }
  await runner.stop();
  console.log(JSON.stringify({ bench: 'probe-flow', runner: runnerChoice, flow, browser }));
  target.child.kill();
}

main().catch((error: unknown) => {
  console.error('bench failed:', error);
  process.exitCode = 1;
  process.exit();
});
