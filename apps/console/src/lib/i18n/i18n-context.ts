import type { Locale as AntdLocale } from 'antd/es/locale';
import { createContext, useContext } from 'react';
import type { Locale, Translate } from './locale';

export interface I18n {
  readonly locale: Locale;
  /** Switches the language once its texts have loaded (immediately when they have before). */
  readonly setLocale: (locale: Locale) => void;
  readonly t: Translate;
  /** antd's texts in the same language, for its ConfigProvider. */
  readonly antdLocale: AntdLocale;
}

export const I18nContext = createContext<I18n | null>(null);

/** The current language and its `t` function; components re-render when the language changes. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
