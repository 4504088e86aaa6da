// End to end: the built console in Debian's Chromium against a real `ganzhi serve` process and the demo back end.
import { DEMO_SUBSCRIBERS } from '@ganzhi/demo';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { fieldErrorOf, logIn } from './console-page.js';

describeConsoleSuite('console in a real browser', (fixture) => {
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
