import {
  ALLOW_ALL_ADDRESSES,
  FlowWorkerPool,
  InProcessFlowRunner,
  createChromiumLauncher,
  type FlowRunner,
} from '@ganzhi/probes';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';

/** `workers`: the pool of worker threads agents use; `in-process`: the flow engine on the bench's own thread. */
export type RunnerChoice = 'workers' | 'in-process';

export function parseRunnerChoice(value: string): RunnerChoice {
  if (value === 'workers' || value === 'in-process') return value;
  throw new Error(`--runner must be workers or in-process, got ${value}`);
}

/**
 * The runner the bench drives, as an agent has it. CPU is read with `process.cpuUsage()`, which counts every thread
 * of the process, so the workers' share and the message passing are in the figures.
 */
export function createBenchRunner(choice: RunnerChoice, options: { chromiumPath?: string } = {}): FlowRunner {
  if (choice === 'in-process')
    return new InProcessFlowRunner({
      clock: systemClock,
      addressPolicy: ALLOW_ALL_ADDRESSES,
      secrets: {},
      ...(options.chromiumPath
        ? { browsers: createChromiumLauncher({ executablePath: options.chromiumPath }) }
        : {}),
    });
  // The default policy: loopback, where the bench's target is, is allowed.
  const pool = new FlowWorkerPool({
    settings: {
      addressPolicy: {},
      secrets: {},
      ...(options.chromiumPath ? { chromiumPath: options.chromiumPath } : {}),
    },
    logger: createSilentLogger(),
  });
  pool.start();
  return pool;
}
