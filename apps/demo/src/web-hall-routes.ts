import { toYuan, type DemoAccounts } from './demo-accounts.js';
import { errorReply, jsonReply, type DemoReply } from './demo-reply.js';
import { formatMonth, isRecord, parseAmountFen, parseMonth, parsePhone } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';
import { formatSessionCookie, resolvePhone } from './session-auth.js';
import { WEB_HALL_HOME_PAGE_HTML } from './web-hall-home-page.js';

export interface WebHallDeps {
  readonly accounts: DemoAccounts;
  /** Epoch ms; the bill query defaults to the current month. */
  readonly now: () => number;
}

const PHONE_MESSAGE = 'phone must be an 11-digit mobile number';

function login(accounts: DemoAccounts, request: DemoRequest): DemoReply {
  const body = isRecord(request.body) ? request.body : {};
  const phone = parsePhone(body.phone);
  if (phone === null) return errorReply(400, 'VALIDATION', PHONE_MESSAGE);
  if (typeof body.password !== 'string') return errorReply(400, 'VALIDATION', 'password is required');
  const token = accounts.login({ phone, password: body.password });
  if (token === null) return errorReply(401, 'UNAUTHENTICATED', 'wrong phone number or service password');
  return { status: 200, json: { token, phone }, headers: { 'set-cookie': formatSessionCookie(token) } };
}

function queryBalance(accounts: DemoAccounts, request: DemoRequest): DemoReply {
  const resolved = resolvePhone(accounts, request, request.query.get('phone'));
  if ('reply' in resolved) return resolved.reply;
  const { phone } = resolved;
  const subscriber = accounts.find(phone);
  if (!subscriber) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  const { city, planName, balanceFen } = subscriber;
  return jsonReply({ phone, balanceYuan: toYuan(balanceFen), isInArrears: balanceFen < 0, city, planName });
}

function queryBill(deps: WebHallDeps, request: DemoRequest): DemoReply {
  const resolved = resolvePhone(deps.accounts, request, request.query.get('phone'));
  if ('reply' in resolved) return resolved.reply;
  const { phone } = resolved;
  const month = parseMonth(request.query.get('month') ?? formatMonth(deps.now()));
  if (month === null) return errorReply(400, 'VALIDATION', 'month must be YYYY-MM');
  const items = deps.accounts.billItems({ phone, month });
  if (!items) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  const totalFen = items.reduce((sum, item) => sum + item.amountFen, 0);
  return jsonReply({
    phone,
    month,
    items: items.map((item) => ({ name: item.name, amountYuan: toYuan(item.amountFen) })),
    totalYuan: toYuan(totalFen),
  });
}

function pay(accounts: DemoAccounts, request: DemoRequest): DemoReply {
  // Paying for another number is allowed (as in real halls), so a session is optional; a forged one is not.
  const body = isRecord(request.body) ? request.body : {};
  const resolved = resolvePhone(accounts, request, body.phone);
  if ('reply' in resolved) return resolved.reply;
  const { phone } = resolved;
  const amountFen = parseAmountFen(body.amountYuan);
  if (amountFen === null) {
    return errorReply(
      400,
      'VALIDATION',
      'amountYuan must be a positive amount up to 5000.00 with at most 2 decimals',
    );
  }
  const paid = accounts.pay({ phone, amountFen });
  if (!paid) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  const { receiptId, balanceFen } = paid;
  return jsonReply({
    status: 'paid',
    receiptId,
    phone,
    amountYuan: toYuan(amountFen),
    balanceYuan: toYuan(balanceFen),
  });
}

/**
 * The web hall (网厅) APIs: home page, login, balance and bill queries, payment. Queries and payment name a phone
 * or fall back to the session's, so a logged-in journey needs no phone after login. Base latencies follow what the BOSS
 * calls behind them cost: queries tens of ms, payment (a billing transaction) the slowest.
 *
 * @example createWebHallRoutes({ accounts: createDemoAccounts(), now: Date.now })
 */
export function createWebHallRoutes(deps: WebHallDeps): DemoRoute[] {
  const { accounts } = deps;
  return [
    {
      method: 'GET',
      path: '/',
      kind: 'page',
      baseLatencyMs: 20,
      handle: () => ({ status: 200, html: WEB_HALL_HOME_PAGE_HTML }),
    },
    {
      method: 'POST',
      path: '/api/webhall/login',
      kind: 'query',
      baseLatencyMs: 40,
      handle: (r) => login(accounts, r),
    },
    {
      method: 'GET',
      path: '/api/webhall/balance',
      kind: 'query',
      baseLatencyMs: 30,
      handle: (r) => queryBalance(accounts, r),
    },
    {
      method: 'GET',
      path: '/api/webhall/bill',
      kind: 'query',
      baseLatencyMs: 80,
      handle: (r) => queryBill(deps, r),
    },
    {
      method: 'POST',
      path: '/api/webhall/payment',
      kind: 'transaction',
      baseLatencyMs: 180,
      handle: (r) => pay(accounts, r),
    },
  ];
}
