import { toYuan, type DemoAccounts, type DemoSubscriber } from './demo-accounts.js';
import { findPlan } from './demo-plans.js';
import { errorReply, jsonReply, type DemoReply } from './demo-reply.js';
import { createClerkSessions, type ClerkSession, type ClerkSessions } from './boss-clerks.js';
import { formatMonth, isRecord, parseAmountFen, parsePhone, readSessionToken } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';

export interface BossCrmDeps {
  readonly accounts: DemoAccounts;
  /** Epoch ms; plan changes take effect the month after. */
  readonly now: () => number;
}

interface CrmContext extends BossCrmDeps {
  readonly clerks: ClerkSessions;
  readonly nextOrderId: () => string;
}

type ClerkResolution = { readonly clerk: ClerkSession } | { readonly reply: DemoReply };

const OPERATOR_ID = /^[A-Za-z0-9_-]{1,32}$/;

function logIn(context: CrmContext, request: DemoRequest): DemoReply {
  const body = isRecord(request.body) ? request.body : {};
  const { terminalId, operatorId, password } = body;
  if (typeof terminalId !== 'string') return errorReply(400, 'VALIDATION', 'terminalId is required');
  if (typeof operatorId !== 'string' || !OPERATOR_ID.test(operatorId)) {
    return errorReply(400, 'VALIDATION', 'operatorId must be 1-32 letters, digits, "_" or "-"');
  }
  if (typeof password !== 'string') return errorReply(400, 'VALIDATION', 'password is required');
  const token = context.clerks.login({ terminalId, operatorId, password });
  if (token === null) return errorReply(401, 'UNAUTHENTICATED', 'unknown terminal or wrong password');
  const terminal = context.clerks.find(token)?.terminal;
  return jsonReply({ token, operatorId, ...terminal });
}

function requireClerk(context: CrmContext, request: DemoRequest): ClerkResolution {
  const token = readSessionToken(request.headers);
  const clerk = token === null ? undefined : context.clerks.find(token);
  return clerk
    ? { clerk }
    : { reply: errorReply(401, 'UNAUTHENTICATED', 'log in at a clerk terminal first') };
}

function findSubscriber(context: CrmContext, phoneField: unknown): DemoSubscriber | DemoReply {
  const phone = parsePhone(phoneField);
  if (phone === null) return errorReply(400, 'VALIDATION', 'phone must be an 11-digit mobile number');
  return context.accounts.find(phone) ?? errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
}

function isReply(value: DemoSubscriber | DemoReply): value is DemoReply {
  return 'status' in value;
}

function showCustomer(context: CrmContext, request: DemoRequest): DemoReply {
  const resolved = requireClerk(context, request);
  if ('reply' in resolved) return resolved.reply;
  const subscriber = findSubscriber(context, request.query.get('phone'));
  if (isReply(subscriber)) return subscriber;
  const { phone, city, planName, balanceFen } = subscriber;
  return jsonReply({
    phone,
    city,
    planCode: findPlan({ name: planName })?.code ?? null,
    planName,
    balanceYuan: toYuan(balanceFen),
    status: balanceFen < 0 ? 'arrears' : 'active',
  });
}

/** The month after `epochMs`, `YYYY-MM` (UTC), when a plan change takes effect. */
function nextMonth(epochMs: number): string {
  const date = new Date(epochMs);
  return formatMonth(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
}

function changePlan(
  context: CrmContext,
  subscriber: DemoSubscriber,
  body: Record<string, unknown>,
): DemoReply {
  const plan = typeof body.planCode === 'string' ? findPlan({ code: body.planCode }) : undefined;
  if (!plan) return errorReply(400, 'VALIDATION', 'planCode must name a plan in the catalogue');
  if (plan.name === subscriber.planName) {
    return errorReply(409, 'CONFLICT', 'the subscriber is already on this plan');
  }
  // Plan changes take effect next month (次月生效), so accepting one changes nothing today: runs can repeat it.
  return jsonReply({
    status: 'accepted',
    planCode: plan.code,
    planName: plan.name,
    effectiveMonth: nextMonth(context.now()),
  });
}

function collectPayment(
  context: CrmContext,
  subscriber: DemoSubscriber,
  body: Record<string, unknown>,
): DemoReply {
  const amountFen = parseAmountFen(body.amountYuan);
  if (amountFen === null) {
    return errorReply(
      400,
      'VALIDATION',
      'amountYuan must be a positive amount up to 5000.00 with at most 2 decimals',
    );
  }
  const paid = context.accounts.pay({ phone: subscriber.phone, amountFen });
  if (!paid) return errorReply(404, 'NOT_FOUND', 'no subscriber with this phone number');
  return jsonReply({
    status: 'completed',
    receiptId: paid.receiptId,
    amountYuan: toYuan(amountFen),
    balanceYuan: toYuan(paid.balanceFen),
  });
}

function placeOrder(context: CrmContext, request: DemoRequest): DemoReply {
  const resolved = requireClerk(context, request);
  if ('reply' in resolved) return resolved.reply;
  const body = isRecord(request.body) ? request.body : {};
  if (body.type !== 'plan_change' && body.type !== 'payment') {
    return errorReply(400, 'VALIDATION', 'type must be plan_change or payment');
  }
  const subscriber = findSubscriber(context, body.phone);
  if (isReply(subscriber)) return subscriber;
  const reply =
    body.type === 'plan_change'
      ? changePlan(context, subscriber, body)
      : collectPayment(context, subscriber, body);
  if (reply.status !== 200 || !('json' in reply)) return reply;
  const { terminal, operatorId } = resolved.clerk;
  return jsonReply({
    orderId: context.nextOrderId(),
    type: body.type,
    phone: subscriber.phone,
    ...(reply.json as Record<string, unknown>),
    channel: terminal.channel,
    hallName: terminal.hallName,
    operatorId,
  });
}

/**
 * The CRM behind business and partner halls, as the clerk's counter terminal calls it: log in on a registered
 * terminal, look a customer up, place an order (a plan change, or collecting a payment). Orders are BOSS
 * transactions, slowed by the month-end peak like web hall payments.
 *
 * @example POST /api/boss/login { terminalId: 'CS-YYT-0001', operatorId: 'op1001', password } → { token, … }
 */
export function createBossCrmRoutes(deps: BossCrmDeps): DemoRoute[] {
  let orderCount = 0;
  const context: CrmContext = {
    ...deps,
    clerks: createClerkSessions(),
    nextOrderId: () => `ORD${String(++orderCount).padStart(10, '0')}`,
  };
  return [
    {
      method: 'POST',
      path: '/api/boss/login',
      kind: 'query',
      baseLatencyMs: 60,
      handle: (request) => logIn(context, request),
    },
    {
      method: 'GET',
      path: '/api/boss/customer',
      kind: 'query',
      baseLatencyMs: 50,
      handle: (request) => showCustomer(context, request),
    },
    {
      method: 'POST',
      path: '/api/boss/orders',
      kind: 'transaction',
      baseLatencyMs: 220,
      handle: (request) => placeOrder(context, request),
    },
  ];
}
