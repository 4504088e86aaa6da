/**
 * Simplified Chinese strings of server-paginated lists (the checks list's filters and totals, the agents list),
 * kept apart so each dictionary file stays short; `messages-zh-cn.ts` spreads them into the source dictionary.
 */
export const listZhCnMessages = {
  'list.total': '共 {total} 项',
  'list.clearFilters': '清除筛选',
  'checks.filter.text': '按名称搜索',
  'checks.filter.region': '地市（含下辖区县）',
  'checks.filter.tag': '标签',
  'checks.col.lastRunAt': '最近运行',
  'agents.filter.text': '按名称搜索',
  'users.filter.text': '按用户名、姓名或邮箱搜索',
  'secrets.filter.text': '按名称或说明搜索',
  'tokens.filter.text': '按名称或所有者搜索',
  'locations.filter.text': '按编码、名称或站点搜索',
  'agents.status.online': '在线（健康或心跳延迟）',
  'agents.status.offline': '不在线（离线或已吊销）',
} as const satisfies Record<string, string>;

export type ListMessageKey = keyof typeof listZhCnMessages;
