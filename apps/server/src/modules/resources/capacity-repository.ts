import type { Kysely, Selectable } from 'kysely';
import type { CapacitySettings, CapacitySettingsInput } from '@ganzhi/contracts';
import type { DatabaseSchema, SystemCapacityTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** The settings of a system nobody has entered yet: no tpmC, X = 80 %, daytime 08:00–20:00 (indicators.md §c.2). */
export function defaultCapacitySettings(system: string): CapacitySettings {
  return {
    system,
    plannedTpmc: null,
    configuredTpmc: null,
    cpuThresholdPercent: 80,
    daytimeStartHour: 8,
    daytimeEndHour: 20,
    updatedAt: null,
  };
}

function toSettings(row: Selectable<SystemCapacityTable>): CapacitySettings {
  return {
    system: row.system,
    plannedTpmc: row.planned_tpmc === null ? null : Number(row.planned_tpmc),
    configuredTpmc: row.configured_tpmc === null ? null : Number(row.configured_tpmc),
    cpuThresholdPercent: Number(row.cpu_threshold_percent),
    daytimeStartHour: row.daytime_start_hour,
    daytimeEndHour: row.daytime_end_hour,
    updatedAt: new Date(Number(row.updated_at)).toISOString(),
  };
}

export async function readCapacitySettings(db: Db): Promise<Map<string, CapacitySettings>> {
  const rows = await db.selectFrom('system_capacity').selectAll().execute();
  return new Map(rows.map((row) => [row.system, toSettings(row)]));
}

export async function writeCapacitySettings(
  db: Db,
  change: { system: string; input: CapacitySettingsInput; nowMs: number },
): Promise<CapacitySettings> {
  const columns = {
    planned_tpmc: change.input.plannedTpmc,
    configured_tpmc: change.input.configuredTpmc,
    cpu_threshold_percent: change.input.cpuThresholdPercent,
    daytime_start_hour: change.input.daytimeStartHour,
    daytime_end_hour: change.input.daytimeEndHour,
    updated_at: change.nowMs,
  };
  await db
    .insertInto('system_capacity')
    .values({ system: change.system, ...columns })
    .onConflict((conflict) => conflict.column('system').doUpdateSet(columns))
    .execute();
  return toSettings({ system: change.system, ...columns });
}
