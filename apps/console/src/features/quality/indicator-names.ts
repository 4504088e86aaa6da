import type { Indicator } from '@ganzhi/contracts';
import type { Locale } from '../../lib/i18n';

/** An indicator's name in the current language; its id while the catalogue loads or when it is unknown. */
export function indicatorNameOf(
  indicators: readonly Indicator[] | undefined,
  id: string,
  locale: Locale,
): string {
  const indicator = indicators?.find((candidate) => candidate.id === id);
  if (!indicator) return id;
  return locale === 'zh-CN' ? indicator.name.zh : indicator.name.en;
}
