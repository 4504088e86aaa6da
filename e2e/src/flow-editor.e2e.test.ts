// End to end: a three-step flow built in the editor, run before saving, saved, then broken in the demo back end.
import { DEMO_PASSWORD, DEMO_SUBSCRIBERS } from '@ganzhi/demo';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { addStep, chooseOption, logIn } from './console-page.js';

const phone = DEMO_SUBSCRIBERS[0]?.phone ?? '13907310001';

/** Log in (extracting a secret token), query the balance (asserting it exists), query this month's bill. */
async function buildWebHallFlow(page: Page, demoUrl: string): Promise<void> {
  await page.getByTestId('check-name').fill('E2E 网厅登录查余额和账单');
  await page.getByTestId('check-variable-add').click();
  await page.getByTestId('check-variable-name-0').fill('phone');
  await page.getByTestId('check-variable-value-0').fill(phone);

  await page.getByTestId('step-0-name').fill('login');
  await chooseOption(page, 'step-0-method', 'POST');
  await page.getByTestId('step-0-url').fill(new URL('api/webhall/login', demoUrl).href);
  await page.getByTestId('step-0-body-type').getByText('JSON', { exact: true }).click();
  await page.getByTestId('step-0-json').fill(JSON.stringify({ phone: '{{phone}}', password: DEMO_PASSWORD }));
  await page.getByTestId('step-0-add-extract').click();
  await page.getByTestId('step-0-extract-0-variable').fill('token');
  await page.getByTestId('step-0-extract-0-expression').fill('$.token');
  await page.getByTestId('step-0-extract-0-secret').check();

  await addStep(page, 'http');
  await page.getByTestId('step-1-name').fill('balance');
  await page
    .getByTestId('step-1-url')
    .fill(`${new URL('api/webhall/balance', demoUrl).href}?phone={{phone}}`);
  await page.getByTestId('step-1-add-assert').click();
  await chooseOption(page, 'step-1-assert-0-subject', 'jsonPath');
  await page.getByTestId('step-1-assert-0-expression').fill('$.balanceYuan');
  await chooseOption(page, 'step-1-assert-0-comparison', 'exists');

  await addStep(page, 'http');
  await page.getByTestId('step-2-name').fill('bill');
  await page
    .getByTestId('step-2-url')
    .fill(`${new URL('api/webhall/bill', demoUrl).href}?phone={{phone}}&month={{$month}}`);
}

describeConsoleSuite('flow editor in a real browser', (fixture) => {
  it('runs a three-step flow before saving, saves it, and shows which step failed and its scene', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await page.getByTestId('new-check-button').click();
    await page.getByTestId('check-form').waitFor();
    await buildWebHallFlow(page, demoUrl);

    // Run now, before saving: three passed rows, the token extracted but masked.
    await page.getByTestId('try-run-button').click();
    const tryResult = page.getByTestId('try-result');
    await tryResult.locator('[data-testid="run-verdict"][data-ok="true"]').waitFor({ timeout: 30_000 });
    const waterfall = tryResult.getByTestId('waterfall');
    expect(await waterfall.getAttribute('data-rows')).toBe('3');
    expect(await waterfall.getAttribute('data-failed-rows')).toBe('0');
    await tryResult.locator('[data-testid="waterfall-chart"][data-state="ready"] svg').waitFor();
    for (const index of [0, 1, 2]) {
      expect(await tryResult.getByTestId(`run-step-${index}`).getAttribute('data-ok')).toBe('true');
    }
    const token = await tryResult.getByTestId('variable-token').first().textContent();
    expect(token).toContain('••••••');
    await page.waitForTimeout(1_000);
    await saveScreenshot(page, 'flow-try-run', { fullPage: false });
    await page.keyboard.press('Escape');

    await page.getByTestId('check-submit').click();
    await page.waitForURL((url) => /^\/checks\/[^/]+$/.test(url.pathname) && url.pathname !== '/checks/new', {
      timeout: 10_000,
    });
    await page.getByTestId('check-title').waitFor();

    // Break the balance query only: the flow now fails at step 2, after a successful login.
    fixture.demo().setFaults({ routes: { '/api/webhall/balance': { errorRatio: 1 } } });
    try {
      await page.getByTestId('run-now-button').click();
      const details = page.getByTestId('run-details');
      await details.locator('[data-testid="run-verdict"][data-ok="false"]').waitFor({ timeout: 30_000 });
      expect(await details.getByTestId('run-verdict').getAttribute('data-failed-step')).toBe('1');
      expect(await details.getByTestId('run-step-1').getAttribute('data-ok')).toBe('false');
      expect(await details.getByTestId('waterfall').getAttribute('data-failed-rows')).toBe('1');
      const scene = details.getByTestId('run-step-1').getByTestId('scene-response');
      await scene.waitFor({ timeout: 10_000 });
      expect(await scene.textContent()).toContain('"status": 500');
      expect(await details.getByTestId('scene-status').textContent()).toContain('500');
      await page.waitForTimeout(1_000);
      await saveScreenshot(page, 'flow-failed-run', { fullPage: false });
    } finally {
      fixture.demo().setFaults({ routes: {} });
    }
  }, 120_000);
});
