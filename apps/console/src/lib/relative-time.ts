import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

// The plugin reads the global dayjs locale, which the providers keep in step with the console's language.
dayjs.extend(relativeTime);

/**
 * How long ago (or until) an instant was, for people: "3 minutes ago", "3 分钟前".
 * @example formatRelativeTime('2025-03-31T11:57:00Z', Date.parse('2025-03-31T12:00:00Z')) // "3 minutes ago"
 */
export function formatRelativeTime(iso: string, nowMs: number): string {
  return dayjs(iso).from(dayjs(nowMs));
}

/** The absolute local time of an instant, as every table in the console shows it. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD HH:mm:ss');
}
