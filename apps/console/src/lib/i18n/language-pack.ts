import type { Locale as AntdLocale } from 'antd/es/locale';
import type { Dictionary } from './locale';

/**
 * Everything one language needs before the first render: the console's texts and antd's own (pagination, pickers).
 * dayjs's locale is set by the signed-in frame (`dayjs-locale.ts`), the only part of the console that shows dates.
 */
export interface LanguagePack {
  readonly dictionary: Dictionary;
  readonly antdLocale: AntdLocale;
}
