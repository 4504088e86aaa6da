// A flow worker thread: runs many checks' flows at once on its own event loop, so the main thread's work
// (storage, the API, the console, the score evaluator) never delays a socket event we time.
import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '@ganzhi/runtime';
import { createChromiumLauncher } from '../browser/chromium-launcher.js';
import { createAddressPolicy } from '../safety/address-policy.js';
import { EventLoopLagMonitor } from './event-loop-lag.js';
import type { MeasuredFlow } from './flow-job.js';
import { runFlowJob, type FlowHost } from './run-flow-job.js';
import type {
  FlowWorkerSettings,
  JobEnvelope,
  JobReply,
  MessageFromWorker,
  MessageToWorker,
} from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('flow-worker runs only as a worker thread');
const settings = workerData as FlowWorkerSettings;
// Watches this thread's loop while runs are in flight.
const lag = new EventLoopLagMonitor();
const browsers = settings.chromiumPath
  ? createChromiumLauncher({ executablePath: settings.chromiumPath })
  : undefined;
const host: FlowHost = {
  clock: systemClock,
  addressPolicy: createAddressPolicy(settings.addressPolicy),
  secrets: settings.secrets,
  lag,
  ...(browsers ? { browsers } : {}),
};
const inFlight = new Set<Promise<void>>();
let replies: JobReply[] = [];
let transfers: ArrayBuffer[] = [];

/** Artifacts get their own exact-size buffers, moved (not copied) to the main thread. */
function detachArtifacts(measured: MeasuredFlow): MeasuredFlow {
  if (measured.result.artifacts.length === 0) return measured;
  const artifacts = measured.result.artifacts.map((artifact) => {
    const content = new Uint8Array(artifact.content);
    transfers.push(content.buffer);
    return { ...artifact, content };
  });
  return { ...measured, result: { ...measured.result, artifacts } };
}

function reply(answer: JobReply): void {
  replies.push(answer);
  if (replies.length === 1) setImmediate(flush);
}

function flush(): void {
  const message: MessageFromWorker = { type: 'done', replies };
  port?.postMessage(message, transfers);
  replies = [];
  transfers = [];
}

function start({ id, job }: JobEnvelope): void {
  const run = runFlowJob(job, host).then(
    (measured) => reply({ id, measured: detachArtifacts(measured) }),
    (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
  );
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
}

async function close(): Promise<void> {
  await Promise.allSettled([...inFlight]);
  await browsers?.close();
  lag.stop();
  flush();
  const message: MessageFromWorker = { type: 'closed' };
  port?.postMessage(message);
  port?.close();
}

port.on('message', (message: MessageToWorker) => {
  if (message.type === 'run') message.jobs.forEach(start);
  else void close();
});
