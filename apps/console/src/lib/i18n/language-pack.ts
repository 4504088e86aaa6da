import type { Locale as AntdLocale } from 'antd/es/locale';
import type { Dictionary } from './locale';

/** Everything one language needs: the console's texts, antd's own (pagination, pickers) and dayjs's locale name. */
export interface LanguagePack {
  readonly dictionary: Dictionary;
  readonly antdLocale: AntdLocale;
  /** A dayjs locale the pack's module has imported. */
  readonly dayjsLocale: string;
}
