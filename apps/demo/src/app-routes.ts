import { toYuan, type DemoAccounts } from './demo-accounts.js';
import { errorReply, jsonReply, type DemoReply } from './demo-reply.js';
import { formatMonth, isRecord, parseAmountFen, parsePhone } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';
import { requireSessionPhone } from './session-auth.js';

export interface AppDeps {
  readonly accounts: DemoAccounts;
  /** Epoch ms; the overview shows the current month's bill. */
  readonly now: () => number;
}

interface AppContext extends AppDeps {
  readonly nextOrderId: () => string;
}

// Lifetime the login answer announces; the demo keeps tokens for the whole run, as clients refresh early anyway.
const ACCESS_TOKEN_LIFETIME_SECONDS = 7200;
const CLIENT_ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The app gateway's envelope: business code `0000` on success, the payload under `data`. */
function appReply(data: unknown): DemoReply {
  return jsonReply({ code: '0000', message: '成功', data });
}

function logIn(accounts: DemoAccounts, request: DemoRequest): DemoReply {
  const body = isRecord(request.body) ? request.body : {};
  const phone = parsePhone(body.phone);
  if (phone === null) return errorReply(400, 'VALIDATION', 'phone must be an 11-digit mobile number');
  if (typeof body.password !== 'string') return errorReply(400, 'VALIDATION', 'password is required');
  const accessToken = accounts.login({ phone, password: body.password });
  if (accessToken === null)
    return errorReply(401, 'UNAUTHENTICATED', 'wrong phone number or service password');
  return appReply({
    accessToken,
    tokenType: 'Bearer',
    expiresInSeconds: ACCESS_TOKEN_LIFETIME_SECONDS,
    phone,
  });
}

function showOverview(context: AppContext, request: DemoRequest): DemoReply {
  const resolved = requireSessionPhone(context.accounts, request);
  if ('reply' in resolved) return resolved.reply;
  const subscriber = context.accounts.find(resolved.phone);
  if (!subscriber) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  const billMonth = formatMonth(context.now());
  const items = context.accounts.billItems({ phone: subscriber.phone, month: billMonth }) ?? [];
  return appReply({
    phone: subscriber.phone,
    planName: subscriber.planName,
    balanceYuan: toYuan(subscriber.balanceFen),
    isInArrears: subscriber.balanceFen < 0,
    billMonth,
    billTotalYuan: toYuan(items.reduce((sum, item) => sum + item.amountFen, 0)),
  });
}

function recharge(context: AppContext, request: DemoRequest): DemoReply {
  const resolved = requireSessionPhone(context.accounts, request);
  if ('reply' in resolved) return resolved.reply;
  const body = isRecord(request.body) ? request.body : {};
  const amountFen = parseAmountFen(body.amountYuan);
  if (amountFen === null) {
    return errorReply(
      400,
      'VALIDATION',
      'amountYuan must be a positive amount up to 5000.00 with at most 2 decimals',
    );
  }
  const { clientOrderId } = body;
  if (typeof clientOrderId !== 'string' || !CLIENT_ORDER_ID.test(clientOrderId)) {
    return errorReply(400, 'VALIDATION', 'clientOrderId must be 1-64 letters, digits, "_" or "-"');
  }
  const paid = context.accounts.pay({ phone: resolved.phone, amountFen });
  if (!paid) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  return appReply({
    orderId: context.nextOrderId(),
    clientOrderId,
    status: 'success',
    phone: resolved.phone,
    amountYuan: toYuan(amountFen),
    balanceYuan: toYuan(paid.balanceFen),
  });
}

/**
 * The mobile app's (掌厅) gateway: JSON with a bearer token from its own login, answers wrapped in
 * `{ code, message, data }` as operator app gateways do. Recharge (空中充值) credits the logged-in number.
 *
 * @example GET /api/app/v1/account/overview (Authorization: Bearer …) → { code: '0000', data: { balanceYuan, … } }
 */
export function createAppRoutes(deps: AppDeps): DemoRoute[] {
  let orderCount = 0;
  const context: AppContext = { ...deps, nextOrderId: () => `APP${String(++orderCount).padStart(10, '0')}` };
  return [
    {
      method: 'POST',
      path: '/api/app/v1/auth/login',
      kind: 'query',
      baseLatencyMs: 45,
      handle: (request) => logIn(context.accounts, request),
    },
    {
      method: 'GET',
      path: '/api/app/v1/account/overview',
      kind: 'query',
      baseLatencyMs: 70,
      handle: (request) => showOverview(context, request),
    },
    {
      method: 'POST',
      path: '/api/app/v1/recharge',
      kind: 'transaction',
      baseLatencyMs: 160,
      handle: (request) => recharge(context, request),
    },
  ];
}
