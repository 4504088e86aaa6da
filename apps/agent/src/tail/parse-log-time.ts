import type { TimeFormat } from './tail-config.js';

export interface TimeSpec {
  readonly format: TimeFormat;
  /** IANA zone of wall-clock layouts without an offset. */
  readonly timeZone: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const OFFSET = String.raw`(?<offset>Z|[+-]\d{2}:?\d{2})`;
const FRACTION = String.raw`(?:[.,](?<fraction>\d{1,9}))?`;

// Each layout's named groups: year, month, day, hour, minute, second, fraction?, offset?
const LAYOUTS: Record<Exclude<TimeFormat, 'epoch-ms' | 'epoch-s'>, RegExp> = {
  iso: new RegExp(
    String.raw`^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})${FRACTION})?${OFFSET}?$`,
  ),
  'YYYY-MM-DD HH:mm:ss': new RegExp(
    String.raw`^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[T ](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})${FRACTION}$`,
  ),
  'YYYY/MM/DD HH:mm:ss': new RegExp(
    String.raw`^(?<year>\d{4})/(?<month>\d{2})/(?<day>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})${FRACTION}$`,
  ),
  YYYYMMDDHHmmss: new RegExp(
    String.raw`^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})${FRACTION}$`,
  ),
  'DD/MMM/YYYY:HH:mm:ss': new RegExp(
    String.raw`^(?<day>\d{2})/(?<month>[A-Za-z]{3})/(?<year>\d{4}):(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?: ?${OFFSET})?$`,
  ),
};

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
const QUARTER_HOUR_MS = 900_000;

/** The zone's offset from UTC at an instant, in ms (east positive). */
function zoneOffsetMs(timeZone: string, utcMs: number): number {
  // Zone transitions fall on quarter hours of UTC, so an offset holds for its whole quarter hour.
  const key = `${timeZone}@${Math.floor(utcMs / QUARTER_HOUR_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
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
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(utcMs)) parts[part.type] = Number(part.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = wall - (utcMs - (((utcMs % 1000) + 1000) % 1000));
  if (offsetCache.size > 4096) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The UTC instant of a wall-clock time in a zone (wall clock given as if it were UTC). */
function wallClockToUtc(wallMs: number, timeZone: string): number {
  const guess = wallMs - zoneOffsetMs(timeZone, wallMs);
  // Second pass: the offset at the guess is the right one unless a transition lies between.
  return wallMs - zoneOffsetMs(timeZone, guess);
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  return offset.startsWith('-') ? -minutes : minutes;
}

function parseLayout(text: string, spec: TimeSpec): number | string {
  const layout = LAYOUTS[spec.format as keyof typeof LAYOUTS];
  const groups = layout.exec(text)?.groups;
  if (!groups) return `time: "${text}" is not ${spec.format}`;
  const month = /^\d+$/.test(groups.month ?? '')
    ? Number(groups.month)
    : MONTHS.indexOf((groups.month ?? '').toLowerCase()) + 1;
  const day = Number(groups.day);
  const hour = Number(groups.hour);
  const minute = Number(groups.minute);
  const second = Number(groups.second ?? 0);
  const wall = Date.UTC(Number(groups.year), month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 April over to 1 May; a round trip tells a real date from a rolled-over one.
  const check = new Date(wall);
  if (
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    minute > 59 ||
    second > 59
  )
    return `time: "${text}" is not a valid date and time`;
  const fractionMs = groups.fraction ? Math.floor(Number(`0.${groups.fraction}`) * 1000) : 0;
  const utc =
    groups.offset === undefined
      ? wallClockToUtc(wall, spec.timeZone)
      : wall - offsetMinutes(groups.offset) * 60_000;
  return utc + fractionMs;
}

/**
 * A log line's time as epoch milliseconds, or a reason when it does not fit the layout. Numbers from JSON logs are
 * taken as they are for the epoch formats.
 */
export function parseLogTime(value: unknown, spec: TimeSpec): number | string {
  if (value === undefined || value === null || value === '') return 'time: missing';
  if (typeof value !== 'string' && typeof value !== 'number')
    return `time: expected ${spec.format}, got ${typeof value}`;
  if (spec.format === 'epoch-ms' || spec.format === 'epoch-s') {
    const number = typeof value === 'number' ? value : Number(value.trim());
    if (!Number.isFinite(number) || number <= 0) return `time: "${value}" is not ${spec.format}`;
    return Math.round(spec.format === 'epoch-s' ? number * 1000 : number);
  }
  if (typeof value !== 'string') return `time: expected text in ${spec.format}, got a number`;
  return parseLayout(value.trim(), spec);
}
