import type { frameZhCnMessages } from './messages-frame-zh-cn';

/** English strings of the frame (see `messages-frame-zh-cn.ts`). */
export const frameEnMessages: Readonly<Record<keyof typeof frameZhCnMessages, string>> = {
  'common.backHome': 'Back to the overview',
  'common.loading': 'Loading…',
};
