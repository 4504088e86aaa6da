// i18n: the console's typed zh-CN/English dictionaries, each loaded only while it is shown, the language switch and
// its persistence.
export { I18nProvider, type LoadedLanguage } from './i18n-provider';
export { useI18n, type I18n } from './i18n-context';
export { loadLanguage } from './load-language';
export {
  LOCALES,
  DEFAULT_LOCALE,
  isLocale,
  readStoredLocale,
  type Dictionary,
  type Locale,
  type MessageParams,
  type Translate,
} from './locale';
export { translate } from './translate';
export type { MessageKey } from './message-key';
