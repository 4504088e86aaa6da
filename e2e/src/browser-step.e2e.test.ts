// End to end: a browser step run from the editor against the demo's web hall, then against a white page (白屏).
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { addStep, chooseOption, logIn } from './console-page.js';

/** Replaces the new check's HTTP step with a browser step: open the login page, see the login button. */
async function buildBrowserCheck(page: Page, demoUrl: string): Promise<void> {
  await page.getByTestId('check-name').fill('E2E 网厅登录页');
  await page.getByTestId('step-0-remove').click();
  await page.getByTestId('step-list-empty').waitFor();
  await addStep(page, 'browser');
  await page.getByTestId('step-0-name').fill('login page');
  await page.getByTestId('step-0-action-0-url').fill(new URL('webhall/login', demoUrl).href);
  await page.getByTestId('step-0-add-action').click();
  await chooseOption(page, 'step-0-action-1-type', 'assertVisible');
  await page.getByTestId('step-0-action-1-selector').fill('#login-button');
  await page.getByTestId('step-0-timeout').fill('8000');
  await page.getByTestId('step-0-screenshot-on-success').click();
}

describeConsoleSuite('browser step in a real browser', (fixture) => {
  it('passes on the web hall login page and fails with a screenshot on a white page', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await page.getByTestId('new-check-button').click();
    await page.getByTestId('check-form').waitFor();
    await buildBrowserCheck(page, demoUrl);

    await page.getByTestId('try-run-button').click();
    const tryResult = page.getByTestId('try-result');
    await tryResult.getByTestId('try-running').waitFor();
    await tryResult.locator('[data-testid="run-verdict"][data-ok="true"]').waitFor({ timeout: 45_000 });
    await tryResult.getByTestId('scene-screenshot').waitFor();

    fixture.demo().setFaults({ whitePage: true });
    try {
      await page.getByTestId('try-again').click();
      await tryResult.locator('[data-testid="run-verdict"][data-ok="false"]').waitFor({ timeout: 45_000 });
      // The journey stops at the missing login button, and the page is judged a white screen as well.
      const step = tryResult.getByTestId('run-step-0');
      expect(await step.getByTestId('run-step-error').textContent()).toContain('#login-button');
      // The probe's identifiers (`white screen`, `whiteScreen: true`) are shown in the user's language.
      expect(await step.getByTestId('run-assertions').textContent()).toContain('白屏');
      expect(await step.getByTestId('step-detail-whiteScreen').textContent()).toContain('是');
      const screenshot = step.getByTestId('scene-screenshot');
      await screenshot.waitFor();
      expect(await screenshot.locator('img').first().getAttribute('src')).toMatch(/^data:image\/png;base64,/);
      await page.waitForTimeout(1_000);
      await saveScreenshot(page, 'browser-white-page', { fullPage: false });
    } finally {
      fixture.demo().setFaults({ whitePage: false });
    }
  }, 120_000);
});
