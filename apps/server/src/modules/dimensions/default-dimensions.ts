import type { Dimensions } from '@ganzhi/contracts';

/**
 * Starter dimensions: the channels of S003, the business types and SLA baselines of S000 (payment and account
 * opening 3 s, queries 30 s), the Hunan province → city tree of S004, the value segments of S002, the system classes
 * with their planned utilisation (S000) and the seeds' own channel and business codes as aliases. Users extend them.
 */
export const DEFAULT_DIMENSIONS: Dimensions = {
  channels: [
    { code: 'hall', nameZh: '实体厅', nameEn: 'Business hall' },
    { code: 'partner_hall', nameZh: '合作厅', nameEn: 'Partner hall' },
    { code: 'ivr', nameZh: '客服IVR', nameEn: 'IVR hotline' },
    { code: 'sms_hall', nameZh: '短厅', nameEn: 'SMS hall' },
    { code: 'web_hall', nameZh: '网厅', nameEn: 'Web hall' },
    { code: 'app', nameZh: '掌厅', nameEn: 'Mobile app' },
  ],
  businesses: [
    {
      code: 'home_page',
      nameZh: '首页',
      nameEn: 'Home page',
      type: 'query',
      slaMs: 30_000,
      systems: ['crm'],
    },
    {
      code: 'balance_query',
      nameZh: '余额查询',
      nameEn: 'Balance query',
      type: 'query',
      slaMs: 30_000,
      systems: ['billing_query'],
    },
    {
      code: 'bill_query',
      nameZh: '账单查询',
      nameEn: 'Bill query',
      type: 'query',
      slaMs: 30_000,
      systems: ['billing_query'],
    },
    {
      code: 'payment',
      nameZh: '缴费',
      nameEn: 'Payment',
      type: 'transaction',
      slaMs: 3000,
      systems: ['accounting', 'credit'],
    },
    {
      code: 'account_opening',
      nameZh: '开户',
      nameEn: 'Account opening',
      type: 'transaction',
      slaMs: 3000,
      systems: ['crm'],
    },
    {
      code: 'plan_change',
      nameZh: '套餐变更',
      nameEn: 'Plan change',
      type: 'transaction',
      slaMs: 3000,
      systems: ['crm'],
    },
    {
      code: 'recharge',
      nameZh: '空中充值',
      nameEn: 'Over-the-air recharge',
      type: 'recharge',
      slaMs: null,
      systems: ['accounting', 'credit'],
    },
    {
      code: 'sms_command',
      nameZh: '短信指令',
      nameEn: 'SMS command',
      type: 'query',
      slaMs: 30_000,
      systems: ['billing_query'],
    },
    {
      code: 'ivr_menu',
      nameZh: 'IVR 菜单',
      nameEn: 'IVR menu',
      type: 'query',
      slaMs: 30_000,
      systems: ['billing_query'],
    },
    {
      code: 'mms_newspaper',
      nameZh: '手机报',
      nameEn: 'MMS newspaper',
      type: 'delivery',
      slaMs: null,
      systems: ['settlement'],
    },
  ],
  regions: [
    { code: 'hunan', parentCode: null, level: 'province', nameZh: '湖南', nameEn: 'Hunan' },
    ...(
      [
        ['changsha', '长沙', 'Changsha'],
        ['zhuzhou', '株洲', 'Zhuzhou'],
        ['xiangtan', '湘潭', 'Xiangtan'],
        ['hengyang', '衡阳', 'Hengyang'],
        ['shaoyang', '邵阳', 'Shaoyang'],
        ['yueyang', '岳阳', 'Yueyang'],
        ['changde', '常德', 'Changde'],
        ['zhangjiajie', '张家界', 'Zhangjiajie'],
        ['yiyang', '益阳', 'Yiyang'],
        ['chenzhou', '郴州', 'Chenzhou'],
        ['yongzhou', '永州', 'Yongzhou'],
        ['huaihua', '怀化', 'Huaihua'],
        ['loudi', '娄底', 'Loudi'],
        ['xiangxi', '湘西州', 'Xiangxi'],
      ] as const
    ).map(([code, nameZh, nameEn]) => ({
      code,
      parentCode: 'hunan',
      level: 'city' as const,
      nameZh,
      nameEn,
    })),
  ],
  segments: [
    { code: 'mvc', nameZh: '最有价值客户', nameEn: 'Most valuable (MVC)' },
    { code: 'mgc', nameZh: '最具增长性客户', nameEn: 'Most growable (MGC)' },
    { code: 'normal', nameZh: '普通客户', nameEn: 'Normal' },
    { code: 'bz', nameZh: '负值客户', nameEn: 'Below zero (BZ)' },
  ],
  systems: [
    { code: 'crm', nameZh: '营业系统', nameEn: 'Business hall / CRM', plannedUtilisation: 0.5 },
    { code: 'accounting', nameZh: '帐务系统', nameEn: 'Accounting', plannedUtilisation: 0.6 },
    { code: 'credit', nameZh: '信用控制', nameEn: 'Credit control', plannedUtilisation: 0.7 },
    { code: 'billing_query', nameZh: '计费查询', nameEn: 'Billing query', plannedUtilisation: 0.8 },
    { code: 'settlement', nameZh: '结算系统', nameEn: 'Settlement', plannedUtilisation: 1 },
  ],
  aliases: [
    ...(
      [
        ['PHY', 'hall'],
        ['PAR', 'partner_hall'],
        ['IVR', 'ivr'],
        ['10086', 'ivr'],
        ['SMH', 'sms_hall'],
        ['WEB', 'web_hall'],
        ['APP', 'app'],
      ] as const
    ).map(([alias, code]) => ({ kind: 'channel' as const, alias, code })),
    ...(
      [
        ['PAY', 'payment'],
        ['OPEN', 'account_opening'],
        ['CHG', 'plan_change'],
        ['OTA', 'recharge'],
        ['SJB', 'mms_newspaper'],
      ] as const
    ).map(([alias, code]) => ({ kind: 'business' as const, alias, code })),
    { kind: 'region', alias: '自治州', code: 'xiangxi' },
    { kind: 'region', alias: '湘西土家族苗族自治州', code: 'xiangxi' },
  ],
};
