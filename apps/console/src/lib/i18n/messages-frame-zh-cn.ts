/** Simplified Chinese strings of the frame around the pages that are not in the core dictionary: the 404 page. */
export const frameZhCnMessages = {
  'common.backHome': '返回首页',
  'common.loading': '正在加载…',
} as const satisfies Record<string, string>;
