import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PASSWORD } from './boss-clerks.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';

let demo: DemoBackend;

beforeAll(async () => {
  // 10 February 2025: plan changes take effect in March.
  const clock = { now: () => Date.UTC(2025, 1, 10), sleep: () => Promise.resolve() };
  demo = await startDemoBackend({ random: () => 0, clock });
});

afterAll(async () => {
  await demo.close();
});

function post(path: string, body: unknown, token?: string): Promise<Response> {
  return fetch(`${demo.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify(body),
  });
}

async function clerkToken(terminalId = 'CS-YYT-0001'): Promise<string> {
  const response = await post('api/boss/login', {
    terminalId,
    operatorId: 'op1001',
    password: DEMO_CLERK_PASSWORD,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

async function errorCodeOf(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

describe('BOSS CRM', () => {
  it('logs a clerk in on a registered terminal and names its hall, channel and region', async () => {
    const response = await post('api/boss/login', {
      terminalId: 'HY-HZT-0107',
      operatorId: 'hz0107',
      password: DEMO_CLERK_PASSWORD,
    });
    expect(await response.json()).toMatchObject({
      operatorId: 'hz0107',
      terminalId: 'HY-HZT-0107',
      hallName: '衡阳蒸湘合作厅',
      channel: 'partner_hall',
      region: 'hengyang',
    });
  });

  it.each([
    [{ terminalId: 'CS-YYT-0001', operatorId: 'op1001', password: 'wrong' }, 401, 'UNAUTHENTICATED'],
    [{ terminalId: 'NOWHERE', operatorId: 'op1001', password: DEMO_CLERK_PASSWORD }, 401, 'UNAUTHENTICATED'],
    [{ terminalId: 'CS-YYT-0001', operatorId: 'op 1001', password: DEMO_CLERK_PASSWORD }, 400, 'VALIDATION'],
  ])('refuses login %j with %i', async (body, status, code) => {
    const response = await post('api/boss/login', body);
    expect(response.status).toBe(status);
    expect(await errorCodeOf(response)).toBe(code);
  });

  it('looks a customer up for a logged-in clerk only', async () => {
    const anonymous = await fetch(`${demo.url}api/boss/customer?phone=13907310001`);
    expect(anonymous.status).toBe(401);
    const token = await clerkToken();
    const response = await fetch(`${demo.url}api/boss/customer?phone=13907320003`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(await response.json()).toEqual({
      phone: '13907320003',
      city: 'xiangtan',
      planCode: 'EASYOWN_18',
      planName: '神州行 18 元套餐',
      balanceYuan: -5.6,
      status: 'arrears',
    });
  });

  it('does not let a customer web hall token into the CRM', async () => {
    const login = await post('api/webhall/login', { phone: '13907310001', password: DEMO_PASSWORD });
    const { token } = (await login.json()) as { token: string };
    const response = await fetch(`${demo.url}api/boss/customer?phone=13907310001`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(401);
  });

  it('accepts a plan change effective next month, leaving the current plan as is', async () => {
    const token = await clerkToken();
    const order = { type: 'plan_change', phone: '13907310001', planCode: 'SMART_5G_198' };
    for (let run = 0; run < 2; run++) {
      const response = await post('api/boss/orders', order, token);
      expect(response.status).toBe(200);
      const json = (await response.json()) as { orderId: string };
      expect(json).toMatchObject({
        type: 'plan_change',
        status: 'accepted',
        planName: '5G 智享 198 元套餐',
        effectiveMonth: '2025-03',
        channel: 'hall',
        hallName: '长沙五一广场营业厅',
        operatorId: 'op1001',
      });
      expect(json.orderId).toMatch(/^ORD\d{10}$/);
    }
    const balance = await fetch(`${demo.url}api/webhall/balance?phone=13907310001`).then((r) => r.json());
    expect(balance).toMatchObject({ planName: '全球通 138 元套餐' });
  });

  it('refuses a change to the current plan with 409 and an unknown plan with 400', async () => {
    const token = await clerkToken();
    const same = await post(
      'api/boss/orders',
      { type: 'plan_change', phone: '13907310001', planCode: 'GOTONE_138' },
      token,
    );
    expect(same.status).toBe(409);
    expect(await errorCodeOf(same)).toBe('CONFLICT');
    const unknown = await post(
      'api/boss/orders',
      { type: 'plan_change', phone: '13907310001', planCode: 'X' },
      token,
    );
    expect(unknown.status).toBe(400);
  });

  it('collects a payment at a partner hall and credits the balance', async () => {
    const token = await clerkToken('HY-HZT-0107');
    const response = await post(
      'api/boss/orders',
      { type: 'payment', phone: '13907340004', amountYuan: 10 },
      token,
    );
    expect(await response.json()).toMatchObject({
      type: 'payment',
      status: 'completed',
      amountYuan: 10,
      balanceYuan: 31,
      channel: 'partner_hall',
    });
  });

  it('answers 400 for an unknown order type and 404 for an unknown subscriber', async () => {
    const token = await clerkToken();
    expect((await post('api/boss/orders', { type: 'refund', phone: '13907310001' }, token)).status).toBe(400);
    const missing = await post(
      'api/boss/orders',
      { type: 'payment', phone: '13800000000', amountYuan: 1 },
      token,
    );
    expect(missing.status).toBe(404);
  });
});
