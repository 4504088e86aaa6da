// i18n: the console's typed zh-CN/English dictionaries, the language switch and its persistence.
export { I18nProvider } from './i18n-provider';
export { useI18n, type I18n } from './i18n-context';
export {
  LOCALES,
  DEFAULT_LOCALE,
  isLocale,
  translate,
  type Locale,
  type MessageParams,
  type Translate,
} from './locale';
export type { MessageKey } from './messages-zh-cn';
