import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { capacitySettingsInputSchema, type ResourceMetric } from '@ganzhi/contracts';
import { dayShape, isMonthEdge } from '@ganzhi/demo';
import { SYSTEM_ACTOR, type RunningServer } from '@ganzhi/server';
import type { Logger } from '@ganzhi/runtime';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The demo back end lives in Asia/Shanghai (no daylight saving), like the demo transactions. */
const LOCAL_OFFSET_MS = 8 * HOUR_MS;
/** Storage and pool gauges are sampled every 5 minutes (a slower collector); CPU every minute. */
const SLOW_EVERY_MINUTES = 5;

interface DemoSystem {
  readonly code: string;
  readonly hosts: readonly string[];
  /** CPU % at night, at the daily peak on ordinary days, and at the peak of month-end/month-start days. */
  readonly cpu: { readonly base: number; readonly peak: number; readonly edgePeak: number };
  readonly eveningPeak: boolean;
  readonly poolSize: number;
  /** tpmC plan and configuration: some systems below plan (C > 0), some beyond it (C < 0). */
  readonly plannedTpmc: number;
  readonly configuredTpmc: number;
}

const DEMO_SYSTEMS: readonly DemoSystem[] = [
  {
    code: 'crm',
    hosts: ['crm-app-1', 'crm-app-2', 'crm-db-1'],
    cpu: { base: 18, peak: 78, edgePeak: 89 },
    eveningPeak: false,
    poolSize: 200,
    plannedTpmc: 400_000,
    configuredTpmc: 320_000,
  },
  {
    code: 'accounting',
    hosts: ['acct-app-1', 'acct-db-1'],
    cpu: { base: 15, peak: 70, edgePeak: 87 },
    eveningPeak: false,
    poolSize: 120,
    plannedTpmc: 150_000,
    configuredTpmc: 165_000,
  },
  {
    code: 'credit',
    hosts: ['credit-app-1', 'credit-app-2'],
    cpu: { base: 12, peak: 58, edgePeak: 81 },
    eveningPeak: true,
    poolSize: 80,
    plannedTpmc: 80_000,
    configuredTpmc: 60_000,
  },
  {
    code: 'billing_query',
    hosts: ['bq-app-1', 'bq-app-2', 'bq-db-1'],
    cpu: { base: 20, peak: 74, edgePeak: 88 },
    eveningPeak: true,
    poolSize: 160,
    plannedTpmc: 200_000,
    configuredTpmc: 230_000,
  },
  {
    code: 'settlement',
    hosts: ['settle-1', 'settle-2'],
    cpu: { base: 22, peak: 52, edgePeak: 82.5 },
    eveningPeak: false,
    poolSize: 40,
    plannedTpmc: 100_000,
    configuredTpmc: 120_000,
  },
];

type DemoSample = {
  readonly system: string;
  readonly host: string;
  readonly metric: ResourceMetric;
  readonly timeMs: number;
  readonly value: number;
};

/** A deterministic value in [0, 1) for a minute and a host (integer hash; no state, so any minute can be replayed). */
function noise(minute: number, salt: number): number {
  let x = (Math.imul(minute, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
  return ((x ^ (x >>> 16)) >>> 0) / 4_294_967_296;
}

const clampPercent = (value: number) => Math.round(Math.min(99.5, Math.max(0.5, value)) * 10) / 10;

/** The samples of one minute: CPU of every host, and every 5 minutes storage and the interface pool. */
export function demoResourceSamplesForMinute(timeMs: number): DemoSample[] {
  const minute = Math.floor(timeMs / MINUTE_MS);
  const local = timeMs + LOCAL_OFFSET_MS;
  const localHour = (local % DAY_MS) / HOUR_MS;
  const edge = isMonthEdge(timeMs);
  const dayOfMonth = new Date(local).getUTCDate();
  const samples: DemoSample[] = [];
  DEMO_SYSTEMS.forEach((system, systemIndex) => {
    const shape = dayShape(localHour, system.eveningPeak);
    const peak = edge ? system.cpu.edgePeak : system.cpu.peak;
    const load = system.cpu.base + (peak - system.cpu.base) * shape;
    system.hosts.forEach((host, hostIndex) => {
      const salt = systemIndex * 16 + hostIndex;
      // Hosts differ a little (the first carries most sessions), and every minute jitters by ±4 points.
      const skew = (hostIndex === 0 ? 3 : -2 * hostIndex) * shape;
      const cpu = clampPercent(load + skew + (noise(minute, salt) - 0.5) * 8);
      samples.push({ system: system.code, host, metric: 'cpu_util', timeMs, value: cpu });
      if (minute % SLOW_EVERY_MINUTES !== 0) return;
      // Storage fills through the month and is cleaned up (archived) at month start.
      const storage = clampPercent(48 + hostIndex * 6 + dayOfMonth * 0.9 + noise(minute, salt + 7) * 0.5);
      samples.push({ system: system.code, host, metric: 'storage_util', timeMs, value: storage });
    });
    if (minute % SLOW_EVERY_MINUTES !== 0) return;
    const host = system.hosts[0] ?? system.code;
    const inUse = Math.round(system.poolSize * Math.min(0.98, 0.06 + 0.7 * shape * (edge ? 1.3 : 1)));
    samples.push({ system: system.code, host, metric: 'pool_in_use', timeMs, value: inUse });
    samples.push({ system: system.code, host, metric: 'pool_size', timeMs, value: system.poolSize });
  });
  return samples;
}

export interface DemoResources {
  stop(): Promise<void>;
}

/** Capacity settings of the demo systems, unless someone already entered their own. */
async function applyDemoCapacity(server: RunningServer): Promise<void> {
  const { capacity } = server.services.resources;
  for (const system of DEMO_SYSTEMS) {
    const current = await capacity.getSettings({ system: system.code });
    if (current.updatedAt !== null) continue;
    const input = capacitySettingsInputSchema.parse({
      plannedTpmc: system.plannedTpmc,
      configuredTpmc: system.configuredTpmc,
    });
    await capacity.updateSettings({ actor: SYSTEM_ACTOR, system: system.code, input });
  }
}

/** Local midnight starting the current month (UTC+8). */
function startOfLocalMonth(nowMs: number): number {
  const local = new Date(nowMs + LOCAL_OFFSET_MS);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - LOCAL_OFFSET_MS;
}

/**
 * Feeds the demo systems' resource samples (day-shaped, peaking at month end and month start, deterministic) into
 * the server, backfilled from the 1st of the month and then one completed minute at a time. The backfill (up to a
 * month: ~24 000 rows a day) runs in the background a day per transaction, so start-up is not held up; it resumes
 * after the newest stored minute, so a restart neither leaves a hole nor counts a minute twice.
 */
export async function startDemoResources(
  server: RunningServer,
  options: { logger: Logger },
): Promise<DemoResources> {
  const { samples } = server.services.resources;
  const { clock } = server.services;
  await applyDemoCapacity(server);
  const lastComplete = () => Math.floor(clock.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  const latest = await samples.latestMinute({
    metric: 'cpu_util',
    systems: DEMO_SYSTEMS.map((system) => system.code),
  });
  let cursor = Math.max(latest === null ? 0 : latest + MINUTE_MS, startOfLocalMonth(clock.now()));
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const catchUp = async () => {
    while (!stopped && cursor <= lastComplete()) {
      // At most a day per transaction: large batches for the backfill, one minute at a time afterwards.
      const end = Math.min(lastComplete(), cursor + DAY_MS - MINUTE_MS);
      const batch: DemoSample[] = [];
      for (let t = cursor; t <= end; t += MINUTE_MS) batch.push(...demoResourceSamplesForMinute(t));
      await samples.recordSamples({ samples: batch });
      cursor = end + MINUTE_MS;
      await yieldToEventLoop();
    }
  };
  const tick = () => {
    running = running
      .then(catchUp)
      .catch((error: unknown) => options.logger.error({ err: error }, 'demo resource samples failed'));
  };
  tick();
  const timer = setInterval(tick, 15_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
