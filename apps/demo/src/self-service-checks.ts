import { DEMO_PASSWORD } from './demo-accounts.js';
import {
  assertJson,
  bearer,
  extractJson,
  httpStep,
  TRANSACTION_MAX_LATENCY_MS,
  type DemoCheckSpec,
  type DemoTargets,
} from './demo-check-steps.js';

function smsBalanceCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '短厅 余额查询 CXYE / SMS hall balance query',
    description: 'Sends the CXYE command to the SMS hall and expects the balance reply.',
    intervalSeconds: 60,
    business: 'balance_query',
    channel: 'sms_hall',
    region: 'changsha',
    variables: { phone: '13907310001' },
    steps: [
      httpStep(base, {
        name: 'send CXYE',
        method: 'POST',
        path: 'api/smshall/command',
        json: { from: '{{phone}}', text: 'CXYE' },
        assert: [assertJson('$.command', 'equals', 'CXYE'), assertJson('$.reply', 'contains', '余额')],
      }),
    ],
  };
}

function ivrWalkCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: 'IVR 话费查询 / IVR menu walk',
    description: 'Calls the 10086 voice menu and presses 1 (话费查询) then 1 (余额查询) in one session.',
    intervalSeconds: 30,
    business: 'ivr_menu',
    channel: 'ivr',
    region: 'changsha',
    variables: {},
    steps: [
      httpStep(base, {
        name: 'hear root menu',
        method: 'GET',
        path: 'api/ivr/menu?node=root',
        assert: [assertJson('$.options[0].label', 'equals', '话费查询')],
      }),
      httpStep(base, {
        name: 'press 1 for 话费查询',
        method: 'POST',
        path: 'api/ivr/input',
        json: { node: 'root', digit: '1' },
        extract: [extractJson('ivrSession', '$.sessionId')],
        assert: [assertJson('$.isRetry', 'equals', false), assertJson('$.node.title', 'equals', '话费查询')],
      }),
      httpStep(base, {
        name: 'press 1 for 余额查询',
        method: 'POST',
        path: 'api/ivr/input',
        json: { sessionId: '{{ivrSession}}', node: 'billing', digit: '1' },
        assert: [assertJson('$.node.title', 'equals', '余额查询')],
      }),
    ],
  };
}

function appRechargeCheck({ base }: DemoTargets): DemoCheckSpec {
  return {
    name: '掌厅 空中充值 / App recharge',
    description:
      'Logs a Yueyang subscriber into the app gateway, reads the account overview with the bearer token and ' +
      'recharges 0.01 yuan under a fresh client order id.',
    intervalSeconds: 60,
    business: 'recharge',
    channel: 'app',
    region: 'yueyang',
    variables: { phone: '13907300005', password: DEMO_PASSWORD },
    steps: [
      httpStep(base, {
        name: 'app log in',
        method: 'POST',
        path: 'api/app/v1/auth/login',
        json: { phone: '{{phone}}', password: '{{password}}' },
        extract: [extractJson('accessToken', '$.data.accessToken', { secret: true })],
        assert: [assertJson('$.code', 'equals', '0000')],
      }),
      httpStep(base, {
        name: 'account overview',
        method: 'GET',
        path: 'api/app/v1/account/overview',
        auth: bearer('accessToken'),
        assert: [
          assertJson('$.data.phone', 'equals', '{{phone}}'),
          assertJson('$.data.balanceYuan', 'exists'),
        ],
      }),
      httpStep(base, {
        name: 'recharge 0.01 yuan',
        method: 'POST',
        path: 'api/app/v1/recharge',
        json: { amountYuan: 0.01, clientOrderId: 'GZ{{$randomId}}' },
        auth: bearer('accessToken'),
        maxLatencyMs: TRANSACTION_MAX_LATENCY_MS,
        assert: [assertJson('$.code', 'equals', '0000'), assertJson('$.data.status', 'equals', 'success')],
      }),
    ],
  };
}

/** Channels customers serve themselves on: SMS hall, IVR hotline, mobile app. */
export function selfServiceChecks(targets: DemoTargets): DemoCheckSpec[] {
  return [smsBalanceCheck(targets), ivrWalkCheck(targets), appRechargeCheck(targets)];
}
