import type { AddressPolicyOptions } from '../safety/address-policy.js';
import type { FlowJob, MeasuredFlow } from './flow-job.js';

/** What every flow worker is started with (as `workerData`): plain data, rebuilt into live objects there. */
export interface FlowWorkerSettings {
  readonly addressPolicy: AddressPolicyOptions;
  /** The agent's own secrets (`GANZHI_SECRET_*`), revealed only to the flow engine, which masks them. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Debian's Chromium, launched on first use for browser steps; absent where there is none. */
  readonly chromiumPath?: string;
}

export interface JobEnvelope {
  readonly id: number;
  readonly job: FlowJob;
}

/** Jobs go in batches: everything that became due in one turn of the main loop is one message. */
export type MessageToWorker =
  | { readonly type: 'run'; readonly jobs: readonly JobEnvelope[] }
  /** Finish runs in flight, close the browser, then exit. */
  | { readonly type: 'close' };

export type JobReply =
  { readonly id: number; readonly measured: MeasuredFlow } | { readonly id: number; readonly error: string };

/** Replies go in batches too: runs that finished in one turn of the worker's loop are one message. */
export type MessageFromWorker =
  { readonly type: 'done'; readonly replies: readonly JobReply[] } | { readonly type: 'closed' };
