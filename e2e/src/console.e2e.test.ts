// End to end: the built console in Debian's Chromium against a real `ganzhi serve` process and the demo back end.
import { DEMO_SUBSCRIBERS } from '@ganzhi/demo';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { fieldErrorOf, logIn, submitLogin } from './console-page.js';

describeConsoleSuite('console in a real browser', (fixture) => {
  it('signs in to the overview, back to a deep link, and leads home from a missing page', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    const at = (path: string) => new URL(path, consoleUrl).href;

    // The login page in both languages: the other language's texts load on the switch.
    await page.goto(at('/login'));
    await page.getByTestId('login-form').waitFor();
    expect(await page.locator('h1').textContent()).toBe('感知 Ganzhi');
    await saveScreenshot(page, 'login-zh');
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByText('Username', { exact: true }).waitFor();
    await page.getByTestId('login-submit').click();
    expect(await page.getByText('Enter your username').count()).toBe(1);
    await saveScreenshot(page, 'login-en');
    await page.getByTestId('language-switch').getByText('中文', { exact: true }).click();
    await page.getByText('用户名', { exact: true }).waitFor();

    // Signing in from the login page itself lands on the customer-experience overview.
    await submitLogin(page, fixture.adminPassword);
    await page.waitForURL((url) => url.pathname === '/quality', { timeout: 15_000 });

    // A page that does not exist offers the way home, which is the overview too.
    await page.goto(at('/no-such-page'));
    await page.getByTestId('not-found-home').click();
    await page.waitForURL((url) => url.pathname === '/quality', { timeout: 10_000 });

    // A deep link opened before signing in is where sign-in leads.
    const other = await fixture.openConsole();
    await other.page.goto(at('/rankings?by=service&period=day'));
    await submitLogin(other.page, fixture.adminPassword);
    await other.page.waitForURL((url) => url.pathname === '/rankings', { timeout: 15_000 });
    expect(new URL(other.page.url()).searchParams.get('by')).toBe('service');
  }, 90_000);

  it('logs in, rejects an invalid URL under its field, creates a check and shows its first run', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();

    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    expect(new URL(page.url()).pathname).toBe('/checks');

    await page.getByTestId('new-check-button').click();
    await page.getByTestId('check-form').waitFor();
    await page.getByTestId('check-name').fill('E2E 网厅余额查询');
    await page.getByTestId('step-0-url').fill('not a url');
    await page.getByTestId('check-submit').click();
    const urlError = fieldErrorOf(page, 'step-0-url');
    await urlError.waitFor({ timeout: 5_000 });
    expect(await urlError.textContent()).toContain('http://');
    // The summary at the top names the same problem and where it is.
    expect(await page.getByTestId('issue-list').textContent()).toContain('URL');
    expect(new URL(page.url()).pathname).toBe('/checks/new');

    // A subscriber the demo knows, so the balance query answers 200 (unknown numbers get 404).
    const phone = DEMO_SUBSCRIBERS[0]?.phone ?? '13907310001';
    await page.getByTestId('step-0-url').fill(new URL(`api/webhall/balance?phone=${phone}`, demoUrl).href);
    await page.getByTestId('check-interval').fill('10');
    await page.getByTestId('step-0-body-contains').fill('balanceYuan');
    // Fixing the field clears its error and the summary while typing.
    await urlError.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('check-submit').click();
    await page.waitForURL((url) => /^\/checks\/[^/]+$/.test(url.pathname) && url.pathname !== '/checks/new', {
      timeout: 10_000,
    });
    await page.getByTestId('check-title').waitFor();

    // The first scheduled run lands within one interval (10 s); the page refetches every 10 s.
    await page.getByTestId('runs-table').getByTestId('run-ok').first().waitFor({ timeout: 40_000 });
    await page.locator('[data-testid="latency-chart"][data-state="ready"] svg').waitFor({ timeout: 20_000 });

    // Let the chart's entry animation finish so the screenshot shows the points.
    await page.waitForTimeout(1_500);
    await saveScreenshot(page, 'check-detail');
  }, 120_000);
});
