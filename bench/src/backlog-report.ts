// Printing for bench/agent-backlog: the outbox's growth per buffered run, and the outage sizing derived from it.
import type { OutboxSize } from './outbox-prefill.js';

const MiB = 1024 ** 2;

/** `1234.5` → `"1,235"`; with `digits` decimals when asked. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** What one more buffered run costs. */
export interface OutboxGrowth {
  /** Growth of outbox.db per run between the first and the last sample (the WAL is a fixed cost, not per run). */
  readonly dbBytesPerRun: number;
  /** The WAL's largest size: SQLite checkpoints it back at about 1,000 pages (4 MiB). */
  readonly walBytes: number;
  /** Deflated JSON per run: what the agent's size bound counts. */
  readonly payloadBytesPerRun: number;
}

/** Prints the size table of the prefill and returns the per-run growth. */
export function printOutboxSizes(sizes: readonly OutboxSize[]): OutboxGrowth {
  const first = sizes[0];
  const last = sizes.at(-1);
  if (!first || !last) throw new Error('no outbox sizes were sampled');
  console.log('     runs  outbox.db     -wal   db+wal per 10,000 runs   payload per run');
  for (const size of sizes)
    console.log(
      `  ${fmt(size.runs).padStart(7)}  ${fmt(size.dbBytes / MiB, 1).padStart(5)} MiB  ${fmt(size.walBytes / MiB, 1)} MiB` +
        `  ${fmt((((size.dbBytes + size.walBytes) / size.runs) * 10_000) / MiB, 2).padStart(11)} MiB` +
        `  ${fmt(size.payloadBytes / size.runs).padStart(13)} B`,
    );
  const dbBytesPerRun =
    last.runs > first.runs
      ? (last.dbBytes - first.dbBytes) / (last.runs - first.runs)
      : last.dbBytes / last.runs;
  const walBytes = Math.max(...sizes.map((size) => size.walBytes));
  console.log(
    `  growth: ${fmt((dbBytesPerRun * 10_000) / MiB, 2)} MiB per 10,000 runs (${fmt(dbBytesPerRun)} B a run) + a WAL of at most ${fmt(walBytes / MiB, 1)} MiB`,
  );
  return { dbBytesPerRun, walBytes, payloadBytesPerRun: last.payloadBytes / last.runs };
}

/** The sizing load and the agent's default buffer bounds (from its own config parser). */
export interface SizingInput {
  readonly checks: number;
  readonly intervalSeconds: number;
  readonly hours: number;
  readonly bufferMaxBytes: number;
  readonly bufferMaxAgeHours: number;
}

/** Prints what `hours` of outage at the given load buffers, against the bounds, and returns the figures. */
export function printSizing(growth: OutboxGrowth, input: SizingInput) {
  const runsPerHour = (input.checks * 3600) / input.intervalSeconds;
  const outageRuns = runsPerHour * input.hours;
  const diskBytes = (runs: number) => runs * growth.dbBytesPerRun + growth.walBytes;
  const payloadBytes = outageRuns * growth.payloadBytesPerRun;
  const hoursToSizeBound = input.bufferMaxBytes / growth.payloadBytesPerRun / runsPerHour;
  const fullHours = Math.min(hoursToSizeBound, input.bufferMaxAgeHours);
  const bound =
    hoursToSizeBound > input.bufferMaxAgeHours
      ? `the age bound (${fmt(input.bufferMaxAgeHours)} h)`
      : 'the size bound';
  console.log(
    [
      `sizing: ${input.checks} checks every ${input.intervalSeconds} s = ${fmt(outageRuns)} runs in ${input.hours} h`,
      `  on disk: ${fmt(outageRuns)} × ${fmt(growth.dbBytesPerRun)} B + WAL = ${fmt(diskBytes(outageRuns) / MiB)} MiB`,
      `  against the size bound: ${fmt(outageRuns)} × ${fmt(growth.payloadBytesPerRun)} B payload = ${fmt(payloadBytes / MiB)} MiB ` +
        `of the default ${fmt(input.bufferMaxBytes / MiB)} MiB (${fmt((payloadBytes / input.bufferMaxBytes) * 100, 1)} %)`,
      `  the size bound would be reached after ${fmt(hoursToSizeBound)} h at this load, so ${bound} drops runs first; ` +
        `a full ${fmt(fullHours)} h buffer is ${fmt(diskBytes(fullHours * runsPerHour) / MiB)} MiB on disk`,
    ].join('\n'),
  );
  return {
    outageRuns,
    outageDiskBytes: diskBytes(outageRuns),
    outagePayloadBytes: payloadBytes,
    hoursToSizeBound,
  };
}
