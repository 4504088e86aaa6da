import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { MeasurementValues } from '@ganzhi/quality';
import type { CapacityReport } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

const HOUR_MS = 3_600_000;
/** How far back the busy hour is looked for: the day up to the end of the window. */
const BUSY_HOUR_LOOKBACK_MS = 24 * HOUR_MS;

/**
 * Each system's busy hour (忙时) in the day before `toMs`: the clock hour whose mean CPU over its hosts' minutes is
 * highest, and that mean.
 */
async function readBusyHourCpu(
  db: Db,
  toMs: number,
): Promise<Map<string, { readonly mean: number; readonly samples: number }>> {
  const rows = await db
    .selectFrom('resource_minute')
    .select([
      'system',
      sql<number>`${sql.ref('bucket_start')} - ${sql.ref('bucket_start')} % ${sql.lit(HOUR_MS)}`.as('hour'),
      sql<number>`avg(${sql.ref('sum')} / ${sql.ref('count')})`.as('mean'),
      sql<number>`count(*)`.as('samples'),
    ])
    .where('metric', '=', 'cpu_util')
    .where('bucket_start', '>=', toMs - BUSY_HOUR_LOOKBACK_MS)
    .where('bucket_start', '<', toMs)
    .groupBy(['system', 'hour'])
    .execute();
  const busiest = new Map<string, { readonly mean: number; readonly samples: number }>();
  for (const row of rows) {
    const mean = Number(row.mean);
    if (Number.isFinite(mean) && mean > (busiest.get(row.system)?.mean ?? -Infinity))
      busiest.set(row.system, { mean, samples: Number(row.samples) });
  }
  return busiest;
}

/**
 * Each system's resource measurements over a window, named as indicator formulas use them: per metric the mean of
 * its hosts' minute means (`cpu_util_mean`) and the highest value any host reached (`cpu_util_max`); `samples` counts
 * host-minutes; `cpu_util_busy_hour_mean` is the CPU of the busiest clock hour in the day up to the window's end. The
 * month's running and capability index come from the capacity report when one is given.
 */
export async function readSystemMeasurements(
  db: Db,
  query: { readonly fromMs: number; readonly toMs: number; readonly capacity?: CapacityReport | null },
): Promise<Map<string, MeasurementValues>> {
  const [rows, busyHour] = await Promise.all([
    db
      .selectFrom('resource_minute')
      .select([
        'system',
        'metric',
        sql<number>`avg(${sql.ref('sum')} / ${sql.ref('count')})`.as('mean'),
        sql<number>`max(${sql.ref('max')})`.as('max'),
        sql<number>`count(*)`.as('samples'),
      ])
      .where('bucket_start', '>=', query.fromMs)
      .where('bucket_start', '<', query.toMs)
      .groupBy(['system', 'metric'])
      .execute(),
    readBusyHourCpu(db, query.toMs),
  ]);
  const bySystem = new Map<string, Record<string, number>>();
  const entry = (system: string) => {
    let values = bySystem.get(system);
    if (!values) {
      values = { samples: 0 };
      bySystem.set(system, values);
    }
    return values;
  };
  for (const row of rows) {
    const values = entry(row.system);
    values[`${row.metric}_mean`] = Number(row.mean);
    values[`${row.metric}_max`] = Number(row.max);
    values.samples = Math.max(values.samples ?? 0, Number(row.samples));
  }
  for (const [system, busy] of busyHour) {
    const values = entry(system);
    values.cpu_util_busy_hour_mean = busy.mean;
    // The busy hour's host-minutes are its evidence, even when the window itself holds no CPU minute.
    values.samples = Math.max(values.samples ?? 0, busy.samples);
  }
  for (const system of query.capacity?.systems ?? []) {
    if (system.runningIndex === null && system.capabilityIndex === null) continue;
    const values = entry(system.system);
    // A month's index rests on a month of minutes: enough evidence whenever the month has CPU data.
    values.samples = Math.max(
      values.samples ?? 0,
      system.hosts.reduce((sum, host) => sum + host.sampledMinutes, 0),
    );
    if (system.runningIndex) values.running_index = system.runningIndex.index;
    if (system.capabilityIndex !== null) values.capability_index = system.capabilityIndex;
  }
  return bySystem;
}
