import zhCN from 'antd/locale/zh_CN';
import { zhCnDictionary } from './dictionary-zh-cn';
import type { LanguagePack } from './language-pack';

/** Simplified Chinese, loaded as one chunk when the console is in Chinese. */
export const languagePack: LanguagePack = {
  dictionary: zhCnDictionary,
  antdLocale: zhCN,
};
