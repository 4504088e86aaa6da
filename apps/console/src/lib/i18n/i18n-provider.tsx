import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { I18nContext, type I18n } from './i18n-context';
import type { LanguagePack } from './language-pack';
import { loadLanguage } from './load-language';
import { createTranslate, storeLocale, type Locale } from './locale';

/** A language and its loaded pack. */
export interface LoadedLanguage {
  readonly locale: Locale;
  readonly pack: LanguagePack;
}

/**
 * Holds the current language, loaded before the first render (see main.tsx); a switch loads the other language's
 * pack, then shows it, persists the choice and keeps `<html lang>` in step (dayjs: see dayjs-locale.ts).
 */
export function I18nProvider({ initial, children }: { initial: LoadedLanguage; children: ReactNode }) {
  const [language, setLanguage] = useState<LoadedLanguage>(initial);
  // The last language asked for: a slow load of an earlier choice must not win over it.
  const wanted = useRef<Locale>(initial.locale);

  const setLocale = useCallback((next: Locale) => {
    wanted.current = next;
    storeLocale(next);
    void loadLanguage(next).then((pack) => {
      if (wanted.current === next) setLanguage({ locale: next, pack });
    });
  }, []);

  const { locale, pack } = language;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: createTranslate(pack.dictionary), antdLocale: pack.antdLocale }),
    [locale, pack, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}
