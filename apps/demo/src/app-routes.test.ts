import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';

let demo: DemoBackend;

beforeAll(async () => {
  const clock = { now: () => Date.UTC(2025, 1, 10), sleep: () => Promise.resolve() };
  demo = await startDemoBackend({ random: () => 0, clock });
});

afterAll(async () => {
  await demo.close();
});

interface AppAnswer<T> {
  readonly code: string;
  readonly message: string;
  readonly data: T;
}

function call(path: string, init: { body?: unknown; token?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  return fetch(`${demo.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}

async function logIn(phone = '13907300005'): Promise<string> {
  const response = await call('api/app/v1/auth/login', { body: { phone, password: DEMO_PASSWORD } });
  const answer = (await response.json()) as AppAnswer<{ accessToken: string; tokenType: string }>;
  expect(answer).toMatchObject({ code: '0000', data: { tokenType: 'Bearer', phone } });
  return answer.data.accessToken;
}

describe('app gateway', () => {
  it('shows the logged-in subscriber overview in the 0000 envelope', async () => {
    const token = await logIn();
    const response = await call('api/app/v1/account/overview', { token });
    const answer = (await response.json()) as AppAnswer<Record<string, unknown>>;
    expect(answer.code).toBe('0000');
    expect(answer.data).toMatchObject({
      phone: '13907300005',
      planName: '5G 智享 128 元套餐',
      balanceYuan: 56.8,
      isInArrears: false,
      billMonth: '2025-02',
    });
    expect(answer.data.billTotalYuan).toEqual(expect.any(Number));
  });

  it('refuses the overview without a valid bearer token', async () => {
    expect((await call('api/app/v1/account/overview')).status).toBe(401);
    expect((await call('api/app/v1/account/overview', { token: 'forged' })).status).toBe(401);
  });

  it('refuses a wrong service password with 401', async () => {
    const response = await call('api/app/v1/auth/login', {
      body: { phone: '13907300005', password: '000000' },
    });
    expect(response.status).toBe(401);
  });

  it('recharges the logged-in number and echoes the client order id', async () => {
    const token = await logIn('13907310001');
    const response = await call('api/app/v1/recharge', {
      token,
      body: { amountYuan: 20, clientOrderId: 'GZ0001' },
    });
    const answer = (await response.json()) as AppAnswer<{ orderId: string }>;
    expect(answer.data).toMatchObject({
      clientOrderId: 'GZ0001',
      status: 'success',
      phone: '13907310001',
      amountYuan: 20,
      balanceYuan: 148.5,
    });
    expect(answer.data.orderId).toMatch(/^APP\d{10}$/);
  });

  it.each([
    [{ amountYuan: 0, clientOrderId: 'GZ1' }, 'amountYuan'],
    [{ amountYuan: 1 }, 'clientOrderId'],
    [{ amountYuan: 1, clientOrderId: 'has space' }, 'clientOrderId'],
  ])('rejects recharge %j naming %s', async (body, field) => {
    const token = await logIn();
    const response = await call('api/app/v1/recharge', { token, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(field);
  });
});
