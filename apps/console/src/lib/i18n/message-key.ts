import type { zhCnDictionary } from './dictionary-zh-cn';

/** The key of every console text: those of the source (Chinese) dictionary. A type only: no dictionary is loaded. */
export type MessageKey = keyof typeof zhCnDictionary;
