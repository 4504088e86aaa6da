import { randomUUID } from 'node:crypto';
import { stableHash32 } from '@ganzhi/runtime';

/** A subscriber as the simulated BOSS knows them. Money is kept in fen (0.01 yuan) to avoid float drift. */
export interface DemoSubscriber {
  readonly phone: string;
  readonly city: string;
  readonly planName: string;
  readonly planFeeFen: number;
  readonly balanceFen: number;
}

export interface BillItem {
  readonly name: string;
  readonly amountFen: number;
}

export interface DemoAccounts {
  /** A session token for the right service password, else null. */
  login(input: { phone: string; password: string }): string | null;
  /** The phone a session token belongs to; undefined for unknown or forged tokens. */
  findSession(token: string): string | undefined;
  find(phone: string): DemoSubscriber | undefined;
  /** Credits the account; undefined when the phone is unknown. */
  pay(input: { phone: string; amountFen: number }): { receiptId: string; balanceFen: number } | undefined;
  /** The itemised bill of a month (`YYYY-MM`), stable for the same phone and month. */
  billItems(input: { phone: string; month: string }): BillItem[] | undefined;
}

/** Every demo subscriber uses this service password (服务密码), so checks and docs can log in. */
export const DEMO_PASSWORD = '123456';

/**
 * Demo subscribers in Changsha (0731), Zhuzhou (0733), Xiangtan (0732, in arrears), Hengyang (0734) and Yueyang
 * (0730). The demo checks that move money each use their own subscriber, so a balance they confirm is never
 * changed by another check in between.
 */
export const DEMO_SUBSCRIBERS: readonly DemoSubscriber[] = [
  {
    phone: '13907310001',
    city: 'changsha',
    planName: '全球通 138 元套餐',
    planFeeFen: 13_800,
    balanceFen: 12_850,
  },
  {
    phone: '13907330002',
    city: 'zhuzhou',
    planName: '动感地带 38 元套餐',
    planFeeFen: 3_800,
    balanceFen: 3_420,
  },
  {
    phone: '13907320003',
    city: 'xiangtan',
    planName: '神州行 18 元套餐',
    planFeeFen: 1_800,
    balanceFen: -560,
  },
  {
    phone: '13907340004',
    city: 'hengyang',
    planName: '和家庭 58 元套餐',
    planFeeFen: 5_800,
    balanceFen: 2_100,
  },
  {
    phone: '13907300005',
    city: 'yueyang',
    planName: '5G 智享 128 元套餐',
    planFeeFen: 12_800,
    balanceFen: 5_680,
  },
];

const USAGE_ITEMS = [
  '语音通话费 / Voice',
  '上网流量费 / Data',
  '短彩信费 / SMS and MMS',
  '增值业务费 / Value-added',
];

/**
 * In-memory accounts for one back-end run: each run starts from the seed subscribers, so payments in one test
 * never leak into another.
 *
 * @example createDemoAccounts().find('13907310001')?.balanceFen // 12850
 */
export function createDemoAccounts(): DemoAccounts {
  const subscribers = new Map(DEMO_SUBSCRIBERS.map((subscriber) => [subscriber.phone, subscriber]));
  const sessions = new Map<string, string>();
  let receiptCount = 0;
  return {
    login({ phone, password }) {
      if (!subscribers.has(phone) || password !== DEMO_PASSWORD) return null;
      const token = randomUUID();
      sessions.set(token, phone);
      return token;
    },
    findSession: (token) => sessions.get(token),
    find: (phone) => subscribers.get(phone),
    pay({ phone, amountFen }) {
      const subscriber = subscribers.get(phone);
      if (!subscriber) return undefined;
      const balanceFen = subscriber.balanceFen + amountFen;
      subscribers.set(phone, { ...subscriber, balanceFen });
      receiptCount += 1;
      return { receiptId: `RCPT${String(receiptCount).padStart(8, '0')}`, balanceFen };
    },
    billItems({ phone, month }) {
      const subscriber = subscribers.get(phone);
      if (!subscriber) return undefined;
      const usage = USAGE_ITEMS.map((name) => ({
        name,
        amountFen: stableHash32(`${phone}:${month}:${name}`) % 3000,
      }));
      return [
        { name: `套餐月费 / Plan fee (${subscriber.planName})`, amountFen: subscriber.planFeeFen },
        ...usage,
      ];
    },
  };
}

/** Fen to yuan for JSON answers, rounded to the fen. */
export function toYuan(fen: number): number {
  return Math.round(fen) / 100;
}
