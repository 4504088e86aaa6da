import type { MessageKey } from './message-key';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Values substituted for `{name}` placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Every text of the console in one language. */
export type Dictionary = Readonly<Record<MessageKey, string>>;

const STORAGE_KEY = 'ganzhi.locale';

export function isLocale(value: unknown): value is Locale {
  return LOCALES.some((locale) => locale === value);
}

/**
 * Fills a message's `{name}` placeholders; a placeholder without a value stays visible.
 * @example fillMessage('{value} 秒', { value: 10 }) // "10 秒"
 */
export function fillMessage(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}

/** The `t` of one dictionary. */
export function createTranslate(dictionary: Dictionary): Translate {
  return (key, params) => fillMessage(dictionary[key], params);
}

/** The locale chosen earlier in this browser, or the default. Storage may be unavailable (private mode). */
export function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting the choice is acceptable; the switch still works for this page.
  }
}
