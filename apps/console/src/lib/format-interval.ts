import type { Translate } from './i18n';

/**
 * A check interval in the largest whole unit: 90 → "90 s", 300 → "5 min", 7200 → "2 h".
 * @example formatIntervalSeconds(300, t) // "5 分钟" in zh-CN
 */
export function formatIntervalSeconds(intervalSeconds: number, t: Translate): string {
  if (intervalSeconds % 3600 === 0) return t('unit.hours', { value: intervalSeconds / 3600 });
  if (intervalSeconds % 60 === 0) return t('unit.minutes', { value: intervalSeconds / 60 });
  return t('unit.seconds', { value: intervalSeconds });
}
