import enUS from 'antd/locale/en_US';
import { enDictionary } from './dictionary-en';
import type { LanguagePack } from './language-pack';

/** English, loaded as one chunk when the console is in English. */
export const languagePack: LanguagePack = { dictionary: enDictionary, antdLocale: enUS };
