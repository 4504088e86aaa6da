import { enDictionary } from './dictionary-en';
import { zhCnDictionary } from './dictionary-zh-cn';
import { fillMessage, type Locale, type MessageParams } from './locale';
import type { MessageKey } from './message-key';

/**
 * Looks a message up in either language without loading anything: for tests and tools. The console itself loads
 * only the current language (`load-language.ts`) and translates through `useI18n().t`; no component imports this
 * module, so the bundle does not carry both dictionaries.
 * @example translate('en', 'unit.seconds', { value: 10 }) // "10 s"
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const dictionary = locale === 'zh-CN' ? zhCnDictionary : enDictionary;
  return fillMessage(dictionary[key], params);
}
