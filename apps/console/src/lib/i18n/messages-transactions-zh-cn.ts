/**
 * Simplified Chinese strings of the transactions explorer and the service model editor that came after their first
 * version (the first ones live in `messages-quality-zh-cn.ts`); `messages-zh-cn.ts` spreads them in.
 */
export const transactionZhCnMessages = {
  'transactions.range.custom': '自定义',
  'transactions.range.from': '开始时间',
  'transactions.range.to': '结束时间',
  'transactions.filter.clear': '清除筛选',
  'transactions.failureCount': '{count} 笔失败',
  'transactions.group': '分组',
  'transactions.noGroup': '（未标注）',
  'transactions.rowHint': '点击一行，只看这一组',
  'transactions.emptyTitle': '这段时间没有交易',
  'transactions.emptyHint':
    '交易由业务系统推送：POST /api/v1/ingest/transactions（NDJSON 或 JSON 数组）、ganzhi import transactions 导入 CSV，或由代理跟踪日志。也可以换一个时间范围或清除筛选。',
  'transactions.tierShares': '响应分档占比',

  'dimensions.slaSeconds': 'SLA 基线（秒）',
  'dimensions.slaSecondsHint': '如缴费、开户 3 秒，查询 30 秒；留空表示没有 SLA',
  'dimensions.secondsUnit': '秒',
  'dimensions.slaInvalid': 'SLA 基线须为大于 0 的秒数，或留空',
  'dimensions.plannedPercent': '规划利用率（%）',
  'dimensions.plannedPercentHint': '营业 50 %、帐务 60 %、信用 70 %、计费查询 80 %、结算 100 %',
  'dimensions.plannedInvalid': '规划利用率须大于 0 且不超过 100 %',
  'dimensions.codeInvalid': '编码只能用小写字母、数字、“_”或“-”，且以字母或数字开头',
  'dimensions.aliasDeleted': '别名已删除',
  'dimensions.aliasEmpty': '这一类还没有别名',
  'dimensions.aliasHint': '别名把源数据中的写法对应到编码，带别名的记录不再被拒收。',
  'dimensions.servicesHint': '有拨测或交易数据的“业务 × 渠道”组合（只读，随数据出现）',
  'dimensions.regionsHint': '省 → 地市 → 区县；交易按地市记录，选中省或地市时包含其下级。',
} as const satisfies Record<string, string>;

export type TransactionMessageKey = keyof typeof transactionZhCnMessages;
