import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { Locale } from './locale';

/** dayjs's name for each console language (English is built into dayjs). */
const DAYJS_LOCALES: Readonly<Record<Locale, string>> = { 'zh-CN': 'zh-cn', en: 'en' };

/**
 * Sets dayjs's global locale (antd's date pickers, relative times) to the console's language. The signed-in frame
 * calls it while it renders, so the pages below it format dates in the language of that same render. It is
 * imported by path, not through the i18n index: the login page shows no date and loads no dayjs.
 * @example setDayjsLocale(useI18n().locale)
 */
export function setDayjsLocale(locale: Locale): void {
  dayjs.locale(DAYJS_LOCALES[locale]);
}
