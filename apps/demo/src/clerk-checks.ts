import { DEMO_CLERK_PASSWORD } from './boss-clerks.js';
import {
  assertJson,
  bearer,
  extractJson,
  httpStep,
  TRANSACTION_MAX_LATENCY_MS,
  type DemoCheckSpec,
  type DemoTargets,
} from './demo-check-steps.js';
import type { DemoHttpStep } from './demo-check-types.js';

/** Clerk login and customer lookup: how every counter transaction starts. */
function openCustomer(base: string, channel: 'hall' | 'partner_hall'): DemoHttpStep[] {
  return [
    httpStep(base, {
      name: 'clerk log in',
      method: 'POST',
      path: 'api/boss/login',
      json: { terminalId: '{{terminalId}}', operatorId: '{{operatorId}}', password: '{{clerkPassword}}' },
      extract: [extractJson('clerkToken', '$.token', { secret: true })],
      assert: [assertJson('$.channel', 'equals', channel)],
    }),
    httpStep(base, {
      name: 'look up customer',
      method: 'GET',
      path: 'api/boss/customer?phone={{phone}}',
      auth: bearer('clerkToken'),
      assert: [assertJson('$.phone', 'equals', '{{phone}}'), assertJson('$.planName', 'exists')],
    }),
  ];
}

function planChangeCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '营业厅 套餐变更 / Business hall plan change',
    description:
      'A clerk at a Changsha business hall logs in on the counter terminal, looks a customer up in the CRM and ' +
      'orders a plan change (effective next month, so runs can repeat it). A transaction: 3 s target.',
    intervalSeconds: 60,
    business: 'plan_change',
    channel: 'hall',
    region: 'changsha',
    // The demo's clerk password is public; a real check would use {{secrets.BOSS_PASSWORD}}.
    variables: {
      terminalId: 'CS-YYT-0001',
      operatorId: 'op1001',
      clerkPassword: DEMO_CLERK_PASSWORD,
      phone: '13907310001',
    },
    steps: [
      ...openCustomer(base, 'hall'),
      httpStep(base, {
        name: 'order plan change',
        method: 'POST',
        path: 'api/boss/orders',
        json: { type: 'plan_change', phone: '{{phone}}', planCode: 'SMART_5G_198' },
        auth: bearer('clerkToken'),
        maxLatencyMs: TRANSACTION_MAX_LATENCY_MS,
        assert: [
          assertJson('$.status', 'equals', 'accepted'),
          assertJson('$.orderId', 'matches', '^ORD\\d+$'),
        ],
      }),
    ],
  };
}

function partnerPaymentCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '合作厅 代缴话费 / Partner hall payment',
    description:
      'A clerk at a Hengyang partner hall logs in, looks a customer up and collects a 0.01 yuan payment through ' +
      'the CRM. A transaction: 3 s target.',
    intervalSeconds: 60,
    business: 'payment',
    channel: 'partner_hall',
    region: 'hengyang',
    variables: {
      terminalId: 'HY-HZT-0107',
      operatorId: 'hz0107',
      clerkPassword: DEMO_CLERK_PASSWORD,
      phone: '13907340004',
    },
    steps: [
      ...openCustomer(base, 'partner_hall'),
      httpStep(base, {
        name: 'collect 0.01 yuan',
        method: 'POST',
        path: 'api/boss/orders',
        json: { type: 'payment', phone: '{{phone}}', amountYuan: 0.01 },
        auth: bearer('clerkToken'),
        maxLatencyMs: TRANSACTION_MAX_LATENCY_MS,
        assert: [assertJson('$.status', 'equals', 'completed'), assertJson('$.receiptId', 'exists')],
      }),
    ],
  };
}

/** Counter channels: an operator's own business hall and a partner hall, each through the clerk's CRM. */
export function clerkChecks(targets: DemoTargets): DemoCheckSpec[] {
  return [planChangeCheck(targets), partnerPaymentCheck(targets)];
}
