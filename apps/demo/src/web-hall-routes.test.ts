import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@ganzhi/runtime';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';

let demo: DemoBackend;

beforeAll(async () => {
  // A fixed "now" in February 2025 makes the default bill month predictable.
  const clock = {
    now: () => Date.UTC(2025, 1, 10),
    sleep: (ms: number, signal?: AbortSignal) => systemClock.sleep(ms, signal),
  };
  demo = await startDemoBackend({ random: () => 0, clock });
});

afterAll(async () => {
  await demo.close();
});

interface Balance {
  readonly phone: string;
  readonly balanceYuan: number;
}

interface Bill {
  readonly month: string;
  readonly items: readonly { readonly name: string; readonly amountYuan: number }[];
  readonly totalYuan: number;
}

async function getJson<T>(path: string): Promise<T> {
  return (await fetch(`${demo.url}${path}`).then((r) => r.json())) as T;
}

function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
  return fetch(`${demo.url}${path}`, init);
}

describe('web hall', () => {
  it('serves the home page as HTML titled 中国移动网上营业厅', async () => {
    const response = await fetch(demo.url);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('<title>中国移动网上营业厅</title>');
  });

  it('lets a customer log in, query the balance, pay and see the new balance', async () => {
    const phone = '13907330002';
    const login = await postJson('api/webhall/login', { phone, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    expect(login.headers.get('set-cookie')).toContain(`session=${token}`);

    const before = await getJson<Balance>(`api/webhall/balance?phone=${phone}`);
    expect(before).toMatchObject({ phone, balanceYuan: 34.2 });

    const payment = await postJson(
      'api/webhall/payment',
      { phone, amountYuan: 50.5 },
      { cookie: `session=${token}` },
    );
    expect(payment.status).toBe(200);
    const paid = (await payment.json()) as { receiptId: string };
    expect(paid).toMatchObject({ status: 'paid', phone, amountYuan: 50.5, balanceYuan: 84.7 });
    expect(paid.receiptId).toMatch(/^RCPT\d{8}$/);

    const after = await getJson<Balance>(`api/webhall/balance?phone=${phone}`);
    expect(after.balanceYuan).toBe(84.7);
  });

  it('refuses a wrong service password with 401', async () => {
    const response = await postJson('api/webhall/login', { phone: '13907310001', password: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it.each([
    [{ phone: '139', amountYuan: 10 }, 'phone'],
    [{ phone: '13907310001', amountYuan: -5 }, 'amountYuan'],
    [{ phone: '13907310001', amountYuan: 1.234 }, 'amountYuan'],
    [{ phone: '13907310001', amountYuan: '10' }, 'amountYuan'],
    [{ phone: '13907310001', amountYuan: 10_000 }, 'amountYuan'],
    [null, 'phone'],
  ])('rejects payment %j with 400 naming %s', async (body, field) => {
    const response = await postJson('api/webhall/payment', body);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain(field);
  });

  it('refuses a payment with a forged session', async () => {
    const response = await postJson(
      'api/webhall/payment',
      { phone: '13907310001', amountYuan: 1 },
      { authorization: 'Bearer forged' },
    );
    expect(response.status).toBe(401);
  });

  it('itemises the current month bill by default and a given month on request', async () => {
    const current = await getJson<Bill>('api/webhall/bill?phone=13907310001');
    expect(current.month).toBe('2025-02');
    expect(current.items[0]).toEqual({ name: '套餐月费 / Plan fee (全球通 138 元套餐)', amountYuan: 138 });
    const sum = current.items.reduce((total, item) => total + item.amountYuan * 100, 0);
    expect(current.totalYuan).toBe(Math.round(sum) / 100);
    const january = await getJson<Bill>('api/webhall/bill?phone=13907310001&month=2025-01');
    expect(january.month).toBe('2025-01');
  });

  it('answers balance and bill for the session phone when none is named', async () => {
    const login = await postJson('api/webhall/login', { phone: '13907320003', password: DEMO_PASSWORD });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const balance = await fetch(`${demo.url}api/webhall/balance`, { headers: { cookie } });
    expect(await balance.json()).toMatchObject({ phone: '13907320003', isInArrears: true });
    const bill = await fetch(`${demo.url}api/webhall/bill?month=2025-01`, { headers: { cookie } });
    expect(await bill.json()).toMatchObject({ phone: '13907320003', month: '2025-01' });
  });

  it('asks for a phone or a login when a query has neither, and refuses a forged session', async () => {
    const anonymous = await fetch(`${demo.url}api/webhall/balance`);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({
      error: { message: expect.stringContaining('log in') as string },
    });
    const forged = await fetch(`${demo.url}api/webhall/balance?phone=13907310001`, {
      headers: { authorization: 'Bearer forged' },
    });
    expect(forged.status).toBe(401);
  });

  it('answers 400 for a bad month and 404 for an unknown subscriber', async () => {
    expect((await fetch(`${demo.url}api/webhall/bill?phone=13907310001&month=2025-13`)).status).toBe(400);
    expect((await fetch(`${demo.url}api/webhall/balance?phone=13800000000`)).status).toBe(404);
  });
});
