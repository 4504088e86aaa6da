// End to end: transactions from two channels flow in through the API; the explorer shows them by channel and exports
// them; the service model is edited in the console (an alias makes a source spelling acceptable; a bad SLA is refused
// under its field) — in Chromium against a real `ganzhi serve`.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { logIn } from './console-page.js';

const api = (consoleUrl: string, path: string) => new URL(`/api/v1${path}`, consoleUrl).href;

async function ingest(page: Page, consoleUrl: string, records: readonly object[]) {
  const tokenResponse = await page.request.post(api(consoleUrl, '/tokens'), {
    data: { name: 'e2e hall logs' },
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await page.request.post(api(consoleUrl, '/ingest/transactions'), {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: JSON.stringify(records),
  });
  return (await response.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
}

function records(channel: string, count: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, index) => ({
    time: new Date(now - 60_000 - (index % 30) * 60_000).toISOString(),
    business: 'payment',
    channel,
    region: index % 2 === 0 ? 'changsha' : 'zhuzhou',
    latencyMs: 400 + (index % 11) * 350,
    outcome: index % 40 === 0 ? 'E1023' : 'ok',
  }));
}

describeConsoleSuite('transactions explorer and service model in a real browser', (fixture) => {
  it('shows transactions by channel side by side and exports them as CSV', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const result = await ingest(page, consoleUrl, [...records('hall', 300), ...records('web_hall', 200)]);
    expect(result).toMatchObject({ accepted: 500, rejected: [] });

    await page.goto(new URL('/transactions?range=1h', consoleUrl).href);
    await page
      .locator('[data-testid="transactions-volume"][data-count="500"]')
      .waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('transactions-compare').getByText('渠道').click();
    await page.waitForURL((url) => url.searchParams.get('compare') === 'channel');
    const rows = page.getByTestId('transactions-table').locator('tr.ant-table-row');
    await rows.nth(1).waitFor({ timeout: 10_000 });
    expect(await rows.count()).toBe(2);
    // Names come with the dimensions, which may load after the rows.
    await expect.poll(() => rows.first().textContent(), { timeout: 10_000 }).toContain('实体厅');
    await page.locator('[data-testid="transactions-chart-volume"][data-state="ready"]').waitFor();
    await page.waitForTimeout(800);
    await saveScreenshot(page, 'transactions-compare');

    const href = await page.getByTestId('transactions-export').getAttribute('href');
    if (!href) throw new Error('no export link');
    const csv = await (await page.request.get(new URL(href, consoleUrl).href)).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toContain('time,group,count,failures');
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.some((line) => line.includes(',hall,'))).toBe(true);

    // A row narrows the view to its group.
    await rows.first().click();
    await page.waitForURL((url) => url.searchParams.get('channel') === 'hall');
    await page
      .locator('[data-testid="transactions-volume"][data-count="300"]')
      .waitFor({ state: 'attached', timeout: 10_000 });
  }, 90_000);

  it('edits the service model: an alias makes a spelling acceptable, a bad SLA is refused under its field', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const before = await ingest(page, consoleUrl, [{ ...records('营业厅A', 1)[0] }]);
    expect(before.accepted).toBe(0);
    expect(before.rejected[0]?.reason).toContain('营业厅A');

    await page.goto(new URL('/dimensions', consoleUrl).href);
    await page.getByRole('tab', { name: /别名/ }).click();
    await page.getByTestId('alias-input').fill('营业厅A');
    await page.getByTestId('alias-code').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '(hall)' })
      .click();
    await page.getByTestId('alias-add').click();
    await page.getByTestId('alias-table').getByText('营业厅A').waitFor({ timeout: 10_000 });
    const after = await ingest(page, consoleUrl, [{ ...records('营业厅A', 1)[0] }]);
    expect(after).toMatchObject({ accepted: 1, rejected: [] });

    await page.getByRole('tab', { name: /业务/ }).click();
    await page.getByTestId('dimension-add-businesses').click();
    await page.getByTestId('dimension-code').fill('broadband_repair');
    await page.getByTestId('dimension-name-zh').fill('宽带报修');
    await page.getByTestId('dimension-name-en').fill('Broadband repair');
    await page.getByTestId('dimension-sla').fill('-5');
    await page.getByTestId('dimension-save').click();
    const slaError = page
      .getByTestId('dimension-form')
      .locator('.ant-form-item')
      .filter({ has: page.getByTestId('dimension-sla') })
      .locator('.ant-form-item-explain-error');
    await slaError.waitFor({ timeout: 10_000 });
    expect((await slaError.textContent())?.length).toBeGreaterThan(0);
    await saveScreenshot(page, 'dimensions-error', { fullPage: false });

    await page.getByTestId('dimension-sla').fill('3000');
    await page.getByTestId('dimension-save').click();
    await page.getByTestId('dimension-table-businesses').getByText('宽带报修').waitFor({ timeout: 10_000 });
    await page.getByRole('tab', { name: /别名/ }).click();
    await saveScreenshot(page, 'dimensions');
  }, 90_000);
});
