import { frameZhCnMessages } from './messages-frame-zh-cn';
import { issueZhCnMessages } from './messages-issues-zh-cn';
import { runDetailZhCnMessages } from './messages-run-detail-zh-cn';
import { zhCnMessages } from './messages-zh-cn';

/**
 * Every Simplified Chinese text of the console: the source dictionary, whose keys are the message keys. Loaded only
 * while the console is in Chinese (see `load-language.ts`).
 */
export const zhCnDictionary = {
  ...zhCnMessages,
  ...frameZhCnMessages,
  ...issueZhCnMessages,
  ...runDetailZhCnMessages,
} as const satisfies Record<string, string>;
