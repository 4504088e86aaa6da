import type { Resolution } from '@ganzhi/contracts';
import { ValidationError } from '@ganzhi/runtime';

const MAX_POINTS: Record<Resolution, number> = { minute: 60 * 24 * 2, hour: 24 * 93, day: 3660 };
const STEP_MS: Record<Resolution, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * The [from, to) of a history query: `to` defaults to now and `from` to `defaultSpanMs` before it; a range with too
 * many points for its resolution is refused with a hint to use a coarser one.
 */
export function resolveSeriesRange(
  query: { from?: string | undefined; to?: string | undefined; resolution: Resolution },
  nowMs: number,
  defaultSpanMs = 3_600_000,
): { fromMs: number; toMs: number } {
  const toMs = query.to ? Date.parse(query.to) : nowMs;
  const fromMs = query.from ? Date.parse(query.from) : toMs - defaultSpanMs;
  if (fromMs >= toMs)
    throw new ValidationError('invalid range', [
      { path: 'from', code: 'range_reversed', message: 'from must be before to' },
    ]);
  const { resolution } = query;
  if ((toMs - fromMs) / STEP_MS[resolution] > MAX_POINTS[resolution]) {
    throw new ValidationError('range too long for this resolution', [
      {
        path: 'resolution',
        message: `at most ${MAX_POINTS[resolution]} ${resolution} points; use a coarser resolution`,
      },
    ]);
  }
  return { fromMs, toMs };
}
