/** Calendar arithmetic in an IANA time zone, for day buckets that start at local midnight (operators think in local days). */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at instant `epochMs`, in ms (Asia/Shanghai → +8 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - (epochMs - (epochMs % 1000));
}

export function startOfMinute(epochMs: number): number {
  return epochMs - (((epochMs % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
}

export function startOfHour(epochMs: number): number {
  return epochMs - (((epochMs % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

// Zone offsets only change on quarter-hour boundaries, so the local day is the same within a quarter hour:
// remember it per quarter (ingest asks for thousands of instants in the same few quarters).
const QUARTER_MS = 15 * MINUTE_MS;
const MAX_REMEMBERED_DAYS = 20_000;
const dayStarts = new Map<string, number>();

/** Start of the local day containing `epochMs` in `timeZone`. */
export function startOfZonedDay(epochMs: number, timeZone: string): number {
  const quarter = Math.floor(epochMs / QUARTER_MS);
  const key = `${timeZone}|${quarter}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = computeStartOfZonedDay(quarter * QUARTER_MS, timeZone);
    if (dayStarts.size >= MAX_REMEMBERED_DAYS) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}

function computeStartOfZonedDay(epochMs: number, timeZone: string): number {
  const offset = zoneOffsetMs(epochMs, timeZone);
  const local = epochMs + offset;
  const localMidnight = local - (((local % DAY_MS) + DAY_MS) % DAY_MS);
  return localMidnight - zoneOffsetMs(localMidnight - offset, timeZone);
}

/** True when `timeZone` is a zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}
