import type { Dictionary } from './locale';
import { enMessages } from './messages-en';
import { frameEnMessages } from './messages-frame-en';
import { issueEnMessages } from './messages-issues-en';
import { runDetailEnMessages } from './messages-run-detail-en';

/** Every English text of the console; the type makes a missing or extra key a compile error. */
export const enDictionary: Dictionary = {
  ...enMessages,
  ...frameEnMessages,
  ...issueEnMessages,
  ...runDetailEnMessages,
};
