import {
  PERCENT_METRICS,
  resourceSampleRecordSchema,
  type RejectedRecord,
  type ResourceMetric,
} from '@ganzhi/contracts';
import type { DimensionResolver } from '../dimensions/index.js';
import { isUnparsed } from '../ingest/index.js';

/** A valid sample: system resolved to its code, time in epoch ms. */
export interface ResourceSample {
  readonly system: string;
  readonly host: string;
  readonly metric: ResourceMetric;
  readonly timeMs: number;
  readonly value: number;
}

export interface NormaliseSampleOptions {
  readonly resolver: DimensionResolver;
  /** Names the known systems and aliases in the reason of an unknown system (read only when one occurs). */
  readonly describeKnownSystems: () => Promise<string>;
  readonly nowMs: number;
  /** Samples older than this are refused: their minute rows are already past retention. */
  readonly oldestMs: number;
  readonly maxFutureMs: number;
}

/** Null when `value` is plausible for `metric`, else why not (percentages 0–100, host_up 0–1, counts ≥ 0). */
export function findValueProblem(metric: ResourceMetric, value: number): string | null {
  if (!Number.isFinite(value)) return 'value: not a finite number';
  if (PERCENT_METRICS.includes(metric)) {
    return value < 0 || value > 100 ? `value: ${metric} is a percentage (0–100), got ${value}` : null;
  }
  if (metric === 'host_up') return value < 0 || value > 1 ? `value: host_up is 0 or 1, got ${value}` : null;
  return value < 0 ? `value: ${metric} is a count (≥ 0), got ${value}` : null;
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/**
 * Validates every record and maps its system to a code. Each bad record is reported with its index and reason and
 * the good ones are returned: one bad record never costs the batch, and none is dropped without a reason.
 */
export async function normaliseSamples(
  input: readonly unknown[],
  options: NormaliseSampleOptions,
): Promise<{ samples: ResourceSample[]; rejected: RejectedRecord[] }> {
  const samples: ResourceSample[] = [];
  const rejected: RejectedRecord[] = [];
  let knownSystems: string | undefined;
  for (const [index, raw] of input.entries()) {
    if (isUnparsed(raw)) {
      rejected.push({ index, reason: raw.unparsed });
      continue;
    }
    const parsed = resourceSampleRecordSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, reason: parsed.error.issues.slice(0, 3).map(describeIssue).join('; ') });
      continue;
    }
    const record = parsed.data;
    const timeMs = typeof record.time === 'number' ? record.time : Date.parse(record.time);
    const problem =
      timeMs < options.oldestMs
        ? 'time: older than the resource minute retention'
        : timeMs > options.nowMs + options.maxFutureMs
          ? 'time: in the future (check the source clock)'
          : findValueProblem(record.metric, record.value);
    if (problem !== null) {
      rejected.push({ index, reason: problem });
      continue;
    }
    const system = options.resolver.resolve('system', record.system);
    if (system === undefined) {
      knownSystems ??= await options.describeKnownSystems();
      rejected.push({ index, reason: `system: unknown system "${record.system}" (known: ${knownSystems})` });
      continue;
    }
    samples.push({ system, host: record.host, metric: record.metric, timeMs, value: record.value });
  }
  return { samples, rejected };
}
