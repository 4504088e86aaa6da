// Fills an agent outbox with realistic runs through OutboxStore's own `append`, so the file on disk is exactly what
// a real agent writes (deflated JSON rows in a WAL-mode SQLite file), and records its size as it grows.
import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { OutboxStore } from '@ganzhi/agent';
import type { Run, StepResult, UploadedRun } from '@ganzhi/contracts';

/** A check and one real run of it (from `runFlow`), cloned with other ids, times and timings. */
export interface RunTemplate {
  readonly checkId: string;
  readonly intervalSeconds: number;
  readonly run: Omit<Run, 'id' | 'checkId' | 'agentId' | 'location'>;
}

export interface OutboxSize {
  readonly runs: number;
  readonly dbBytes: number;
  readonly walBytes: number;
  /** Deflated payload bytes: what GANZHI_AGENT_BUFFER_MAX_BYTES bounds (rows, ids and indexes come on top). */
  readonly payloadBytes: number;
}

export interface PrefillResult {
  readonly ids: ReadonlySet<string>;
  readonly seconds: number;
  readonly sizes: readonly OutboxSize[];
  readonly oldestStartedAtMs: number;
}

const PREFILL_LIMITS = { maxBytes: 2 * 1024 ** 3, maxAgeMs: 7 * 24 * 3_600_000 };

/** db + WAL bytes of an outbox file right now. */
export function measureOutboxFiles(path: string): { dbBytes: number; walBytes: number } {
  const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
  return { dbBytes: size(path), walBytes: size(`${path}-wal`) };
}

/** A deterministic generator in [0, 1) (LCG), so two bench runs buffer the same timings. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * One run of `template` at `startedAtMs`, with WAN-like phase timings (connect 2–40 ms, first byte 20–420 ms, skewed
 * low) instead of loopback's sub-millisecond ones, since digits are what deflate cannot squeeze. 1 % fail with 503.
 */
function cloneRun(
  template: RunTemplate,
  startedAtMs: number,
  context: { agentId: string; location: string; random: () => number },
): UploadedRun {
  const { random } = context;
  const isFailure = random() < 0.01;
  const startedAt = new Date(startedAtMs).toISOString();
  const steps = template.run.steps.map((step): StepResult => {
    const connectMs = round3(2 + random() * 38);
    const firstByteMs = round3(20 + random() * random() * 400);
    const downloadMs = round3(0.2 + random() * 6);
    const status = isFailure ? 503 : 200;
    return {
      ...step,
      startedAt,
      ok: !isFailure,
      timings: {
        ...step.timings,
        connectMs,
        firstByteMs,
        downloadMs,
        totalMs: round3(connectMs + firstByteMs + downloadMs),
      },
      detail: { ...step.detail, status, remotePort: 30_000 + Math.floor(random() * 30_000) },
      assertions: step.assertions.map((assertion) =>
        assertion.name === 'status' ? { ...assertion, ok: !isFailure, actual: String(status) } : assertion,
      ),
      errorClass: isFailure ? 'http_status' : null,
      errorMessage: isFailure ? 'expected status 2xx, got 503' : null,
    };
  });
  const durationMs = Math.round(steps.reduce((sum, step) => sum + step.timings.totalMs, 0) + 1);
  return {
    ...template.run,
    id: randomUUID(),
    checkId: template.checkId,
    agentId: context.agentId,
    location: context.location,
    startedAt,
    durationMs,
    ok: !isFailure,
    errorClass: isFailure ? 'http_status' : null,
    errorMessage: isFailure ? 'step 1: expected status 2xx, got 503' : null,
    steps,
    artifacts: [],
    clockOffsetMs: null,
  };
}

/**
 * Appends `count` runs, round-robin over the templates and one interval apart per check, ending at `endMs`: the
 * outbox of an agent that was cut off from the server for (count ÷ checks) intervals. Sizes every `sizeEvery` runs.
 */
export function prefillOutbox(options: {
  readonly path: string;
  readonly templates: readonly RunTemplate[];
  readonly count: number;
  readonly endMs: number;
  readonly location: string;
  readonly sizeEvery: number;
}): PrefillResult {
  const { templates, count } = options;
  const store = new OutboxStore(options.path, PREFILL_LIMITS);
  const context = { agentId: randomUUID(), location: options.location, random: seededRandom(42) };
  const slots = Math.ceil(count / templates.length);
  const ids = new Set<string>();
  const sizes: OutboxSize[] = [];
  let oldestStartedAtMs = Infinity;
  const started = performance.now();
  try {
    for (let i = 0; i < count; i++) {
      const template = templates[i % templates.length];
      if (!template) throw new Error('no run templates');
      const slot = Math.floor(i / templates.length);
      const spreadMs = ((i % templates.length) * template.intervalSeconds * 1000) / templates.length;
      const startedAtMs = options.endMs - (slots - slot) * template.intervalSeconds * 1000 + spreadMs;
      oldestStartedAtMs = Math.min(oldestStartedAtMs, startedAtMs);
      const run = cloneRun(template, startedAtMs, context);
      store.append(run);
      ids.add(run.id);
      if ((i + 1) % options.sizeEvery === 0)
        sizes.push({ runs: i + 1, ...measureOutboxFiles(options.path), payloadBytes: store.stats().bytes });
    }
  } finally {
    store.close();
  }
  return { ids, seconds: (performance.now() - started) / 1000, sizes, oldestStartedAtMs };
}

/** Milliseconds per `append` on the file system of `path` (each one a synchronous=FULL commit, as in the agent). */
export function measureAppendMs(path: string, template: RunTemplate, count: number): number {
  const store = new OutboxStore(path, PREFILL_LIMITS);
  const context = { agentId: randomUUID(), location: 'bench', random: seededRandom(7) };
  const started = performance.now();
  for (let i = 0; i < count; i++) store.append(cloneRun(template, Date.now(), context));
  const elapsedMs = performance.now() - started;
  store.close();
  return elapsedMs / count;
}
