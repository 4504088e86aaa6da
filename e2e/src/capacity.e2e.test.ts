// End to end: a capacity planner reads each system's running and capability index. The seed's settlement example —
// 36 of 720 daytime minutes above 80 % CPU on the busiest day, P = 100 000 and A = 120 000 tpmC — entered through the
// API and the console, shows R = 0.05 and C = −0.286 in Chromium.
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { logIn } from './console-page.js';

const HOUR = 3_600_000;

/** Local midnight (Asia/Shanghai, the server's default zone) of the 2nd of the current month. */
function secondOfThisMonth(): number {
  const local = new Date(Date.now() + 8 * HOUR);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 2) - 8 * HOUR;
}

describeConsoleSuite('capacity in a real browser', (fixture) => {
  it('shows the seed’s settlement example: R 0.05, C −0.286', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const api = (path: string) => new URL(`/api/v1${path}`, consoleUrl).href;

    // One host, every daytime minute of the 2nd: 36 minutes at 90 %, the rest at 40 %.
    const day = secondOfThisMonth();
    const samples = Array.from({ length: 720 }, (_, minute) => ({
      time: day + 8 * HOUR + minute * 60_000,
      system: 'settlement',
      host: 'settle-01',
      metric: 'cpu_util',
      value: minute >= 600 && minute < 636 ? 90 : 40,
    }));
    const pushed = await page.request.post(api('/resources/samples'), {
      headers: { origin: new URL(consoleUrl).origin },
      data: samples,
    });
    expect(await pushed.json()).toMatchObject({ accepted: 720, rejected: [] });

    await page.goto(new URL('/capacity', consoleUrl).href);
    const running = page.getByTestId('running-settlement');
    await running.waitFor({ timeout: 15_000 });
    expect(await running.textContent()).toBe('0.05');

    // P and A entered in the console.
    await page.getByTestId('capacity-edit-settlement').click();
    await page.getByTestId('capacity-planned').fill('100000');
    await page.getByTestId('capacity-configured').fill('120000');
    await page.getByTestId('capacity-settings-save').click();
    const capability = page.getByTestId('capability-settlement');
    await capability.waitFor({ timeout: 15_000 });
    expect(await capability.textContent()).toBe('−0.286');
    await page.locator('[data-testid="capacity-bars"][data-state="ready"]').waitFor();
    await page
      .getByTestId('capacity-table')
      .locator('tr.ant-table-row')
      .filter({ hasText: '结算' })
      .locator('.ant-table-row-expand-icon')
      .click();
    await page
      .locator('[data-testid="capacity-profile-settlement"][data-state="ready"]')
      .waitFor({ timeout: 10_000 });
    // The page explains tpmC, P / A and both formulas, with the bounds the tags are coloured by.
    await page.getByTestId('capacity-explanation').locator('.ant-collapse-header').click();
    const explanation = page.getByTestId('capacity-explanation');
    await explanation.getByText('TPC-C', { exact: false }).waitFor({ timeout: 5_000 });
    expect(await explanation.textContent()).toMatch(
      /tpmC[\s\S]*规划当前 TPCC[\s\S]*\(P − A\) \/ P \/ \(1 \+ R\) × \(0\.5 \+ U\)[\s\S]*≤ −0\.200 红/,
    );
    await page.waitForTimeout(800);
    await saveScreenshot(page, 'capacity');
  }, 90_000);
});
