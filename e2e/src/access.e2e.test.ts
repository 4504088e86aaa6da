// End to end: access control in Debian's Chromium against a real `ganzhi serve`. The admin creates a city operator
// for Changsha on the Users page; the operator sees no administration, only Changsha's checks and scores, and is
// refused a check in Zhuzhou; the admin then finds both the new user and the refusal in the audit log. On the way
// the admin stores a probe secret and turns on two-step verification, then signs in again with a one-time code.
import { createHmac } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { fieldErrorOf, logIn } from './console-page.js';

const OPERATOR = { username: 'cs.operator', password: 'Changsha-operator-7' };

const api = (consoleUrl: string, path: string) => new URL(`/api/v1${path}`, consoleUrl).href;
const originOf = (consoleUrl: string) => ({ origin: new URL(consoleUrl).origin });

/** One check per city, as the admin: the operator should see Changsha's only. */
async function createCityChecks(page: Page, urls: { consoleUrl: string; demoUrl: string }): Promise<void> {
  for (const [name, region] of [
    ['E2E 长沙网厅余额', 'changsha'],
    ['E2E 株洲网厅余额', 'zhuzhou'],
  ] as const) {
    const response = await page.request.post(api(urls.consoleUrl, '/checks'), {
      headers: originOf(urls.consoleUrl),
      data: {
        name,
        intervalSeconds: 300,
        business: 'payment',
        channel: 'web_hall',
        region,
        steps: [{ kind: 'http', url: new URL('/api/webhall/balance?phone=13907310001', urls.demoUrl).href }],
      },
    });
    expect(response.status()).toBe(201);
  }
}

/** Web-hall payments in both cities over the last quarter hour, then scored: the heat map gets a row per city. */
async function scoreBothCities(page: Page, consoleUrl: string): Promise<void> {
  const tokenResponse = await page.request.post(api(consoleUrl, '/tokens'), {
    headers: originOf(consoleUrl),
    data: { name: 'e2e city feed', scopes: ['ingest:write'] },
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const now = Date.now();
  const records = Array.from({ length: 80 }, (_, index) => ({
    time: new Date(now - 6 * 60_000 - (index % 9) * 60_000).toISOString(),
    business: 'payment',
    channel: 'web_hall',
    region: index % 2 === 0 ? 'changsha' : 'zhuzhou',
    latencyMs: 800 + (index % 5) * 200,
    outcome: 'ok',
  }));
  const ingested = await page.request.post(api(consoleUrl, '/ingest/transactions'), {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: JSON.stringify(records),
  });
  expect(await ingested.json()).toMatchObject({ accepted: 80, rejected: [] });
  const scored = await page.request.post(api(consoleUrl, '/scores/evaluate'), {
    headers: originOf(consoleUrl),
  });
  expect(scored.status()).toBe(200);
}

async function signIn(page: Page, input: { consoleUrl: string; username: string; password: string }) {
  await page.goto(new URL('/login', input.consoleUrl).href);
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(input.username);
  await page.getByTestId('login-password').fill(input.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();
}

async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout-button').click();
  await page.getByTestId('login-form').waitFor();
}

/** The text of the heat map's SVG (its axis labels name the cities), once it has drawn. */
async function heatmapText(page: Page, consoleUrl: string): Promise<string> {
  await page.goto(new URL('/quality', consoleUrl).href);
  const ready = page.locator('[data-testid="quality-heatmap"][data-state="ready"] svg');
  await ready.waitFor({ timeout: 15_000 });
  // Names come with the dimensions, which may load after the scores.
  await expect.poll(() => ready.textContent(), { timeout: 10_000 }).toContain('长沙');
  return (await ready.textContent()) ?? '';
}

/** The Users page: a weak password is refused under its field, then the Changsha operator is created. */
async function createOperator(page: Page, consoleUrl: string): Promise<void> {
  await page.goto(new URL('/admin/users', consoleUrl).href);
  await page.getByTestId('users-table').locator('tr.ant-table-row').first().waitFor();
  await page.getByTestId('new-user-button').click();
  await page.getByTestId('user-username').fill(OPERATOR.username);
  await page.getByTestId('user-display-name').fill('长沙运维');
  await page.getByTestId('user-password').fill('short1');
  await page.getByTestId('user-roles').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="operator"]').click();
  // Clicking elsewhere in the drawer closes the dropdown; Escape would close the drawer too.
  await page.getByTestId('user-display-name').click();
  await page.getByTestId('user-regions').click();
  await page.locator('.ant-select-dropdown:visible [title="长沙"]').first().click();
  await page.getByTestId('user-display-name').click();
  await page.getByTestId('user-submit').click();

  const passwordError = fieldErrorOf(page, 'user-password');
  await passwordError.waitFor({ timeout: 5_000 });
  expect(await passwordError.textContent()).toContain('至少 10 个字符');
  await saveScreenshot(page, 'admin-user-form-policy', { fullPage: false });

  await page.getByTestId('user-password').fill(OPERATOR.password);
  await page.getByTestId('user-submit').click();
  const row = page.getByTestId('users-table').locator('tr.ant-table-row', { hasText: OPERATOR.username });
  await row.waitFor({ timeout: 10_000 });
  expect(await row.textContent()).toContain('长沙');
  expect(await row.textContent()).toContain('operator');
  await page.waitForTimeout(500);
  await saveScreenshot(page, 'admin-users');
}

/** The Roles and Tokens pages, with a token created and its once-only text on screen. */
async function visitRolesAndTokens(page: Page, consoleUrl: string): Promise<void> {
  await page.goto(new URL('/admin/roles', consoleUrl).href);
  await page.getByTestId('role-matrix').locator('tr.ant-table-row').first().waitFor();
  await saveScreenshot(page, 'admin-roles');

  await page.goto(new URL('/admin/tokens', consoleUrl).href);
  await page.getByTestId('tokens-table').locator('tr.ant-table-row').first().waitFor();
  await page.getByTestId('new-token-button').click();
  await page.getByTestId('token-name').fill('营业厅日志接入');
  await page.getByTestId('permission-ingest:write').click();
  await page.getByTestId('token-submit').click();
  const tokenText = page.getByTestId('token-text');
  await tokenText.waitFor({ timeout: 10_000 });
  expect(await tokenText.textContent()).toMatch(/\S{20,}/);
  await page.waitForTimeout(400);
  await saveScreenshot(page, 'admin-token-created', { fullPage: false });
  await page.getByTestId('token-created-close').click();
  await tokenText.waitFor({ state: 'hidden' });
  await page.locator('.ant-modal-mask').waitFor({ state: 'detached' });
  await saveScreenshot(page, 'admin-tokens');
}

/** The current RFC 6238 code of a base32 key (six digits, 30-second steps, HMAC-SHA1), as an authenticator app shows. */
function currentTotp(base32Key: string, nowMs = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...base32Key.replace(/[\s=]/g, '')]
    .map((char) => alphabet.indexOf(char).toString(2).padStart(5, '0'))
    .join('');
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(nowMs / 30_000)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = (hmac[hmac.length - 1] ?? 0) & 0xf;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** The Secrets page: a stored secret is listed by name, its value nowhere on the page. */
async function storeSecret(page: Page, consoleUrl: string): Promise<void> {
  const value = 'Crm-probe-Secret-42';
  await page.goto(new URL('/admin/secrets', consoleUrl).href);
  await page.getByTestId('secrets-note').waitFor();
  await page.getByTestId('new-secret-button').click();
  await page.getByTestId('secret-name').fill('crm-password');
  await page.getByTestId('secret-value').fill(value);
  await page.getByTestId('secret-description').fill('CRM 拨测账号的密码');
  await page.getByTestId('secret-save').click();
  const row = page.getByTestId('secrets-table').locator('tr.ant-table-row', { hasText: 'CRM_PASSWORD' });
  await row.waitFor({ timeout: 10_000 });
  expect(await row.textContent()).toContain('{{secrets.CRM_PASSWORD}}');
  await page.locator('.ant-modal-mask').waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(value);
  await saveScreenshot(page, 'admin-secrets');
}

/** Two-step verification from the account menu: the key as a QR code and text, then a current code turns it on. */
async function enrolSecondFactor(page: Page): Promise<string> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('totp-item').click();
  const secretText = page.getByTestId('totp-secret');
  await secretText.waitFor({ timeout: 10_000 });
  await page.getByTestId('totp-qr').waitFor();
  await page.waitForTimeout(400);
  await saveScreenshot(page, 'admin-totp-enrol', { fullPage: false });
  const key = ((await secretText.locator('code').textContent()) ?? '').replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{16,}$/);
  // A wrong code first: it is refused under the field, and nothing changes.
  await page.getByTestId('totp-code').fill(currentTotp(key) === '000000' ? '111111' : '000000');
  await page.getByTestId('totp-enable-submit').click();
  await fieldErrorOf(page, 'totp-code').waitFor({ timeout: 5_000 });
  await page.getByTestId('totp-code').fill(currentTotp(key));
  await page.getByTestId('totp-enable-submit').click();
  await secretText.waitFor({ state: 'hidden', timeout: 10_000 });
  return key;
}

/** Signing in with a second factor: the one-time code field appears after the password, then the code lets in. */
async function signInWithCode(page: Page, input: { consoleUrl: string; password: string; key: string }) {
  await page.goto(new URL('/login', input.consoleUrl).href);
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(input.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-code').waitFor({ timeout: 10_000 });
  expect(await page.getByTestId('login-error').textContent()).toContain('动态验证码');
  await saveScreenshot(page, 'login-one-time-code');
  await page.getByTestId('login-code').fill(currentTotp(input.key));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('side-menu').waitFor();

  // The Users page now shows the admin's second factor on, with the reset for a lost phone.
  await page.goto(new URL('/admin/users', input.consoleUrl).href);
  const row = page.getByTestId('users-table').locator('tr.ant-table-row', { hasText: 'Administrator' });
  await row.getByTestId('user-totp-on').waitFor({ timeout: 10_000 });
  expect(await row.getByTestId('user-reset-totp').count()).toBe(1);
}

/** The operator's console: no administration beyond their tokens, Changsha only, and 403 on the Users page. */
async function checkOperatorView(page: Page, consoleUrl: string): Promise<void> {
  // The scope is named once the region names have loaded.
  await expect.poll(() => page.getByTestId('user-scope').textContent(), { timeout: 10_000 }).toBe('长沙');
  const menu = page.getByTestId('side-menu');
  expect(await menu.getByTestId('nav-checks').count()).toBe(1);
  expect(await menu.getByTestId('nav-admin-users').count()).toBe(0);
  expect(await menu.getByTestId('nav-admin-audit').count()).toBe(0);
  expect(await menu.getByTestId('nav-admin-roles').count()).toBe(0);

  await page.goto(new URL('/admin/users', consoleUrl).href);
  await page.getByTestId('forbidden-page').waitFor();
  expect(await page.locator('.ant-result-403').count()).toBe(1);

  await page.goto(new URL('/checks', consoleUrl).href);
  const rows = page.getByTestId('checks-table').locator('tr.ant-table-row');
  await rows.first().waitFor();
  expect(await rows.allTextContents()).toEqual([expect.stringContaining('E2E 长沙网厅余额')]);

  const heatmap = await heatmapText(page, consoleUrl);
  expect(heatmap).not.toContain('株洲');
}

/** The operator writes a check in Zhuzhou, in the console and straight to the API: both are refused, naming the scope. */
async function checkOperatorRefused(
  page: Page,
  urls: { consoleUrl: string; demoUrl: string },
): Promise<void> {
  await page.goto(new URL('/checks/new', urls.consoleUrl).href);
  await page.getByTestId('check-form').waitFor();
  await page.getByTestId('check-name').fill('E2E 株洲营业厅');
  await page.getByTestId('step-0-url').fill(new URL('/api/webhall/balance', urls.demoUrl).href);
  await page.getByTestId('check-region').click();
  await page.keyboard.type('株洲');
  await page.keyboard.press('Enter');
  await page.getByTestId('check-submit').click();
  const formError = page.getByTestId('check-form-error');
  await formError.waitFor({ timeout: 10_000 });
  expect(await formError.textContent()).toContain('outside your scope (changsha)');

  const direct = await page.request.post(api(urls.consoleUrl, '/checks'), {
    headers: originOf(urls.consoleUrl),
    data: {
      name: 'E2E 株洲直连',
      intervalSeconds: 300,
      region: 'zhuzhou',
      steps: [{ kind: 'http', url: 'http://127.0.0.1:9/' }],
    },
  });
  expect(direct.status()).toBe(403);
  const body = (await direct.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('FORBIDDEN');
  expect(body.error.message).toContain('outside your scope (changsha)');

  // Reading the users straight from the API is refused too: the operator holds no users:read.
  const users = await page.request.get(api(urls.consoleUrl, '/users'));
  expect(users.status()).toBe(403);
}

/** The admin's audit log: the user's creation, the operator's refusals as denied, newest first. */
async function checkAuditLog(page: Page, consoleUrl: string): Promise<void> {
  await page.goto(new URL('/admin/audit', consoleUrl).href);
  const table = page.getByTestId('audit-table');
  await table.locator('tr.ant-table-row').first().waitFor();
  const created = table
    .locator('tr.ant-table-row', { hasText: 'user.create' })
    .filter({ hasText: OPERATOR.username });
  expect(await created.count()).toBe(1);
  const operatorRows = table.locator('tr.ant-table-row', { hasText: OPERATOR.username });
  const usersDenied = operatorRows.filter({ hasText: 'GET /users' });
  expect(await usersDenied.getByTestId('audit-outcome-denied').count()).toBe(1);

  // The user's creation opened on its before/after table.
  await created.locator('.ant-table-row-expand-icon').click();
  await page.getByTestId('audit-changes').first().waitFor();
  await page.waitForTimeout(400);
  await saveScreenshot(page, 'admin-audit');

  // Only refusals: the operator's check in Zhuzhou is among them.
  await page.getByTestId('audit-outcome').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="denied"]').click();
  await page.getByTestId('audit-search').click();
  await expect.poll(() => table.getByTestId('audit-outcome-ok').count(), { timeout: 10_000 }).toBe(0);
  const checkDenied = operatorRows.filter({ hasText: '/checks' });
  await expect.poll(() => checkDenied.count(), { timeout: 10_000 }).toBeGreaterThan(0);
}

describeConsoleSuite('access control in a real browser', (fixture) => {
  it('lets an admin create a Changsha operator who then sees and changes Changsha only', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await createCityChecks(page, { consoleUrl, demoUrl });
    await scoreBothCities(page, consoleUrl);
    const adminHeatmap = await heatmapText(page, consoleUrl);
    expect(adminHeatmap).toContain('株洲');

    await createOperator(page, consoleUrl);
    await visitRolesAndTokens(page, consoleUrl);
    await storeSecret(page, consoleUrl);
    const key = await enrolSecondFactor(page);
    await signOut(page);

    await signIn(page, { consoleUrl, ...OPERATOR });
    await checkOperatorView(page, consoleUrl);
    await checkOperatorRefused(page, { consoleUrl, demoUrl });
    await signOut(page);

    await signInWithCode(page, { consoleUrl, password: fixture.adminPassword, key });
    await checkAuditLog(page, consoleUrl);
  }, 240_000);
});
