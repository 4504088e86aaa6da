import type { Kysely } from 'kysely';
import type {
  BackendSystem,
  CapacityReport,
  CapacitySettings,
  CapacitySettingsInput,
  HostCapacity,
  SystemCapacity,
} from '@ganzhi/contracts';
import {
  capabilityIndex,
  runningIndex,
  zoneOffsetMs,
  type CpuSample,
  type RunningIndexOptions,
} from '@ganzhi/quality';
import { NotFoundError, ValidationError, type Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Actor } from '../auth/index.js';
import type { DimensionService } from '../dimensions/index.js';
import {
  defaultCapacitySettings,
  readCapacitySettings,
  writeCapacitySettings,
} from './capacity-repository.js';
import { daytimeWindow, monthRange, profileSlots, type MonthRange } from './capacity-month.js';
import {
  readHostCoverage,
  readHostMinutesAbove,
  readSystemMinuteMeans,
  type MinuteValue,
} from './resource-sample-repository.js';

const DAY_MS = 86_400_000;
const PROFILE_SLOT_MINUTES = 5;

export interface CapacityServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  /** GANZHI_TIME_ZONE: months, days and the daytime window are local. */
  readonly timeZone: string;
  readonly dimensions: DimensionService;
  /** Months wholly older than the kept minute data are refused rather than reported as idle. */
  readonly minuteRetentionDays: number;
}

const toSample = (minute: MinuteValue): CpuSample => ({ timeMs: minute.timeMs, cpuPercent: minute.value });

/**
 * Capacity per system (indicators.md §c): the running index from per-minute CPU and the capability index from the
 * tpmC plan. A system's CPU in a minute is the plain mean over its hosts of each host's mean in that minute: hosts
 * carry no capacity weights yet (§b proposes capacity-weighted), and the per-host drill-down shows a single hot host.
 */
export function createCapacityService(deps: CapacityServiceDeps) {
  async function findSystem(code: string): Promise<BackendSystem> {
    const { systems } = await deps.dimensions.listDimensions();
    const system = systems.find((candidate) => candidate.code === code);
    if (!system) throw new NotFoundError('system', code);
    return system;
  }

  function resolveMonth(month: string | undefined): MonthRange {
    const now = deps.clock.now();
    const range = monthRange(month, { nowMs: now, timeZone: deps.timeZone });
    if (range.fromMs > now)
      throw new ValidationError('the month has not started', [{ path: 'month', message: 'in the future' }]);
    if (range.toMs <= now - deps.minuteRetentionDays * DAY_MS)
      throw new ValidationError('the month is older than the kept minute data', [
        {
          path: 'month',
          message: `minute data is kept ${deps.minuteRetentionDays} days (GANZHI_RETENTION_RESOURCE_MINUTE_DAYS)`,
        },
      ]);
    return range;
  }

  async function hostIndices(range: MonthRange & { system: string }, options: RunningIndexOptions) {
    const coverage = await readHostCoverage(deps.db, { ...range, metric: 'cpu_util' });
    const busy = await readHostMinutesAbove(deps.db, {
      ...range,
      metric: 'cpu_util',
      above: options.thresholdPercent,
    });
    return coverage.map((host): HostCapacity => ({
      host: host.host,
      sampledMinutes: host.minutes,
      peakCpuPercent: host.peak,
      ...runningIndex(busy.filter((minute) => minute.host === host.host).map(toSample), options),
    }));
  }

  async function systemCapacity(
    system: BackendSystem,
    context: { range: MonthRange; settings: CapacitySettings },
  ): Promise<SystemCapacity> {
    const { range, settings } = context;
    const options: RunningIndexOptions = {
      thresholdPercent: settings.cpuThresholdPercent,
      daytimeStartHour: settings.daytimeStartHour,
      daytimeEndHour: settings.daytimeEndHour,
      // Fixed for the month: exact for zones without daylight saving (Asia/Shanghai), an hour off across a shift.
      utcOffsetMs: zoneOffsetMs(range.fromMs, deps.timeZone),
    };
    const cpu = { ...range, system: system.code, metric: 'cpu_util' };
    const hosts = await hostIndices({ ...range, system: system.code }, options);
    const base = {
      system: system.code,
      nameZh: system.nameZh,
      nameEn: system.nameEn,
      plannedUtilisation: system.plannedUtilisation,
      settings,
      hosts,
    };
    const { plannedTpmc, configuredTpmc } = settings;
    if (hosts.length === 0)
      return {
        ...base,
        runningIndex: null,
        capabilityIndex: null,
        capabilityMissing:
          plannedTpmc === null || configuredTpmc === null
            ? tpmcMissing()
            : { code: 'no_cpu_data', message: `no cpu_util samples of ${system.code} in ${range.month}` },
        busiestDayProfile: null,
      };
    const busyMinutes = await readSystemMinuteMeans(deps.db, { ...cpu, above: options.thresholdPercent });
    const running = runningIndex(busyMinutes.map(toSample), options);
    let busiestDayProfile: SystemCapacity['busiestDayProfile'] = null;
    if (running.busiestDay !== null) {
      const window = daytimeWindow(running.busiestDay, {
        utcOffsetMs: options.utcOffsetMs,
        startHour: options.daytimeStartHour,
        endHour: options.daytimeEndHour,
      });
      const minutes = await readSystemMinuteMeans(deps.db, { ...cpu, ...window });
      busiestDayProfile = {
        day: running.busiestDay,
        slotMinutes: PROFILE_SLOT_MINUTES,
        points: profileSlots(minutes, {
          ...window,
          slotMinutes: PROFILE_SLOT_MINUTES,
          thresholdPercent: options.thresholdPercent,
        }),
      };
    }
    const capability =
      plannedTpmc === null || configuredTpmc === null
        ? null
        : capabilityIndex({
            plannedTpmc,
            configuredTpmc,
            runningIndex: running.index,
            plannedUtilisation: system.plannedUtilisation,
          });
    return {
      ...base,
      runningIndex: running,
      capabilityIndex: capability,
      capabilityMissing: capability === null ? tpmcMissing() : null,
      busiestDayProfile,
    };
  }

  return {
    async getSettings({ system }: { system: string }): Promise<CapacitySettings> {
      await findSystem(system);
      return (await readCapacitySettings(deps.db)).get(system) ?? defaultCapacitySettings(system);
    },

    async updateSettings({
      system,
      input,
    }: {
      actor: Actor;
      system: string;
      input: CapacitySettingsInput;
    }): Promise<CapacitySettings> {
      await findSystem(system);
      return writeCapacitySettings(deps.db, { system, input, nowMs: deps.clock.now() });
    },

    /** Every system's running and capability index for a local calendar month (the current one by default). */
    async monthReport({ month }: { month?: string | undefined }): Promise<CapacityReport> {
      const range = resolveMonth(month);
      const { systems } = await deps.dimensions.listDimensions();
      const settings = await readCapacitySettings(deps.db);
      const reports: SystemCapacity[] = [];
      for (const system of systems) {
        const context = {
          range,
          settings: settings.get(system.code) ?? defaultCapacitySettings(system.code),
        };
        reports.push(await systemCapacity(system, context));
      }
      return { month: range.month, timeZone: deps.timeZone, cpuAggregation: 'host_mean', systems: reports };
    },
  };
}

function tpmcMissing(): NonNullable<SystemCapacity['capabilityMissing']> {
  return {
    code: 'tpmc_not_entered',
    message: 'enter the planned and the configured tpmC in the capacity settings of the system',
  };
}

export type CapacityService = ReturnType<typeof createCapacityService>;
