import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import { WHITE_PAGE_HTML } from './web-hall-page-html.js';

let demo: DemoBackend;

beforeAll(async () => {
  const clock = { now: () => Date.UTC(2025, 1, 10), sleep: () => Promise.resolve() };
  demo = await startDemoBackend({ random: () => 0, clock });
});

afterAll(async () => {
  await demo.close();
});

function submitLogin(fields: Record<string, string>): Promise<Response> {
  // A URLSearchParams body is sent as application/x-www-form-urlencoded, as a browser submits the form.
  return fetch(`${demo.url}webhall/login`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

function sessionCookieOf(response: Response): string {
  return response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
}

describe('web hall pages', () => {
  it('serves a login form posting phone and password to itself', async () => {
    const response = await fetch(`${demo.url}webhall/login`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<form id="login-form" method="post" action="/webhall/login">');
    expect(html).toMatch(/<input id="phone" name="phone"/);
    expect(html).toMatch(/<input id="password" name="password" type="password"/);
    expect(html).toContain('<button id="login-button" type="submit">登录</button>');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('logs in from the form, redirects with a session cookie and shows this month bill', async () => {
    const login = await submitLogin({ phone: '13907330002', password: DEMO_PASSWORD });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/webhall/account');
    const cookie = sessionCookieOf(login);
    expect(cookie).toMatch(/^session=[0-9a-f-]{36}$/);
    const account = await fetch(`${demo.url}webhall/account`, { headers: { cookie } });
    expect(account.status).toBe(200);
    const html = await account.text();
    expect(html).toContain('<section id="bill-summary">');
    expect(html).toContain('本月账单（2025-02）');
    expect(html).toContain('139****0002');
    expect(html).toContain('动感地带 38 元套餐');
  });

  it('shows the login form again with the reason after a wrong password', async () => {
    const response = await submitLogin({ phone: '13907330002', password: '000000' });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain('<p id="login-error" role="alert">手机号码或服务密码错误');
    expect(html).toContain('value="13907330002"');
  });

  it('escapes what the customer typed when showing it back', async () => {
    const html = await (await submitLogin({ phone: '"><script>', password: 'x' })).text();
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;"');
  });

  it('sends visitors without a session to the login page', async () => {
    const response = await fetch(`${demo.url}webhall/account`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/webhall/login');
    const forged = await fetch(`${demo.url}webhall/account`, {
      headers: { cookie: 'session=forged' },
      redirect: 'manual',
    });
    expect(forged.headers.get('location')).toBe('/webhall/login');
  });
});

describe('the white page fault', () => {
  it('answers every page 200 with an empty app shell and leaves the APIs alone', async () => {
    demo.setFaults({ whitePage: true });
    try {
      for (const path of ['', 'webhall/login']) {
        const response = await fetch(`${demo.url}${path}`);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toBe(WHITE_PAGE_HTML);
        expect(html).toContain('<body><div id="app"></div></body>');
      }
      const balance = await fetch(`${demo.url}api/webhall/balance?phone=13907310001`);
      expect(await balance.json()).toMatchObject({ phone: '13907310001' });
    } finally {
      demo.setFaults({ whitePage: false });
    }
  });

  it('blanks only the account page when set for that route, so login still redirects', async () => {
    demo.setFaults({ routes: { '/webhall/account': { whitePage: true } } });
    try {
      const login = await submitLogin({ phone: '13907330002', password: DEMO_PASSWORD });
      expect(login.status).toBe(303);
      const account = await fetch(`${demo.url}webhall/account`, {
        headers: { cookie: sessionCookieOf(login) },
      });
      expect(account.status).toBe(200);
      expect(await account.text()).not.toContain('本月账单');
      expect(await (await fetch(`${demo.url}webhall/login`)).text()).toContain('login-form');
    } finally {
      demo.setFaults({ routes: {} });
    }
  });
});
