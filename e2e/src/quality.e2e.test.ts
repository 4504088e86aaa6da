// End to end: an operations manager opens the customer-experience overview, clicks the channel × city cell that
// hurts, ranks its services, opens the worst one (KQIs, KPIs by layer, baseline) and follows its probe to the failing
// run — in Debian's Chromium against a real `ganzhi serve`.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { logIn, wordsBrokenAcrossLines } from './console-page.js';

const api = (consoleUrl: string, path: string) => new URL(`/api/v1${path}`, consoleUrl).href;

/** Payment in the web hall in Changsha: 12 % of 200 transactions failed over the last quarter hour. */
async function ingestFailingPayments(page: Page, consoleUrl: string): Promise<void> {
  const tokenResponse = await page.request.post(api(consoleUrl, '/tokens'), {
    headers: { origin: new URL(consoleUrl).origin },
    data: { name: 'e2e hall logs', scopes: ['ingest:write'] },
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const now = Date.now();
  const records = Array.from({ length: 200 }, (_, index) => ({
    // Between 6 and 14 minutes ago: inside the trailing window of the latest complete 5-minute bucket.
    time: new Date(now - 6 * 60_000 - (index % 9) * 60_000).toISOString(),
    business: 'payment',
    channel: 'web_hall',
    region: 'changsha',
    latencyMs: 900 + (index % 7) * 300,
    outcome: index % 25 < 3 ? 'PAY_TIMEOUT' : 'ok',
  }));
  const response = await page.request.post(api(consoleUrl, '/ingest/transactions'), {
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    data: JSON.stringify(records),
  });
  expect(await response.json()).toMatchObject({ accepted: 200, rejected: [] });
}

/** A probe of the same service whose runs fail: the payment page answers 500 while the demo's fault is on. */
async function createFailingProbe(
  page: Page,
  urls: { consoleUrl: string; demoUrl: string },
): Promise<string> {
  const response = await page.request.post(api(urls.consoleUrl, '/checks'), {
    headers: { origin: new URL(urls.consoleUrl).origin },
    data: {
      name: 'E2E 网厅缴费',
      intervalSeconds: 10,
      business: 'payment',
      channel: 'web_hall',
      region: 'changsha',
      steps: [
        {
          kind: 'http',
          url: new URL('/api/webhall/balance?phone=13907310001', urls.demoUrl).href,
          expectStatus: '2xx',
        },
      ],
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function waitForFailedRun(page: Page, urls: { consoleUrl: string; checkId: string }): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    const response = await page.request.get(api(urls.consoleUrl, `/checks/${urls.checkId}/runs`));
    const { items } = (await response.json()) as { items: { ok: boolean }[] };
    if (items.some((run) => !run.ok)) return;
    await page.waitForTimeout(1000);
  }
  throw new Error('the probe produced no failed run within 40 s');
}

describeConsoleSuite('customer-experience overview in a real browser', (fixture) => {
  it('drills from the heat map to a service’s KPIs and on to its failing probe run', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    fixture.demo().setFaults({ routes: { '/api/webhall/balance': { errorRatio: 1 } } });
    try {
      const checkId = await createFailingProbe(page, { consoleUrl, demoUrl });
      await ingestFailingPayments(page, consoleUrl);
      await waitForFailedRun(page, { consoleUrl, checkId });
      const scored = await page.request.post(api(consoleUrl, '/scores/evaluate'), {
        headers: { origin: new URL(consoleUrl).origin },
      });
      expect(scored.status()).toBe(200);

      // The overview: one channel × city cell, red — 12 % failures cap the payment's reliability.
      await page.goto(new URL('/quality', consoleUrl).href);
      const heatmap = page.getByTestId('quality-heatmap');
      await page.locator('[data-testid="quality-heatmap"][data-state="ready"]').waitFor({ timeout: 15_000 });
      const worst = page.getByTestId('quality-worst-services').locator('tr.ant-table-row').first();
      await worst.waitFor();
      // Names come with the dimensions, which may load after the rows.
      await expect.poll(() => worst.textContent(), { timeout: 10_000 }).toContain('长沙');
      expect(await page.getByTestId('quality-bands').textContent()).toMatch(/\d/);
      await page.waitForTimeout(800);
      await saveScreenshot(page, 'quality-overview');

      // Click the cell: the only one, so the middle of the plot area (grid: 96 px left, 16 right, 8 top, 92 bottom).
      const box = await heatmap.boundingBox();
      if (!box) throw new Error('heat map not rendered');
      await page.mouse.click(box.x + 96 + (box.width - 112) / 2, box.y + 8 + (box.height - 100) / 2);
      await page.waitForURL(
        (url) => url.pathname === '/rankings' && url.searchParams.get('region') === 'changsha',
        {
          timeout: 10_000,
        },
      );
      expect(new URL(page.url()).searchParams.get('channel')).toBe('web_hall');

      // The rankings of that channel in that city: the payment service is the worst; open it.
      const row = page.getByTestId('ranking-worst').locator('tr.ant-table-row').first();
      await row.waitFor({ timeout: 15_000 });
      // Names come with the dimensions, which may load after the rows.
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('缴费');
      await row.click();
      await page.waitForURL((url) => url.pathname === '/quality/services/payment/web_hall', {
        timeout: 10_000,
      });

      // Service → KQIs → KPIs: the transaction failure ratio (platform layer) is what hurts.
      const failureKpi = page
        .getByTestId('drill-kpis')
        .locator('tr.ant-table-row')
        .filter({ has: page.getByTestId('kpi-txn_failure_rate') });
      await failureKpi.waitFor({ timeout: 15_000 });
      expect(await failureKpi.textContent()).toContain('12 %');
      expect(await failureKpi.textContent()).toContain('平台层');
      const probeKpi = page
        .getByTestId('drill-kpis')
        .locator('tr.ant-table-row')
        .filter({ has: page.getByTestId('kpi-probe_success_rate') });
      // The probe has run for seconds only: too few runs to score, and the row says so rather than show a number.
      expect(await probeKpi.textContent()).toContain('拨测');
      const score = Number(await page.getByTestId('drill-score').getAttribute('data-score'));
      expect(score).toBeGreaterThanOrEqual(1);
      expect(score).toBeLessThan(3);
      await page.getByTestId('baseline-chart').waitFor();
      await page.waitForTimeout(800);
      await saveScreenshot(page, 'quality-drill');

      // … → the probe behind it → its failing run.
      await page.getByTestId('drill-checks').getByText('E2E 网厅缴费').click();
      await page.waitForURL((url) => url.pathname === `/checks/${checkId}`, { timeout: 10_000 });
      const runs = page.getByTestId('runs-table');
      const failedRow = runs
        .locator('tr.ant-table-row')
        .filter({ has: page.getByTestId('run-failed') })
        .first();
      await failedRow.waitFor({ timeout: 20_000 });
      await failedRow.locator('.ant-table-row-expand-icon').click();
      await runs.locator('[data-testid="run-verdict"][data-ok="false"]').first().waitFor({ timeout: 10_000 });
      expect(await runs.getByTestId('scene-status').first().textContent()).toContain('500');
      await saveScreenshot(page, 'quality-failing-run');

      // The step's detail in Chinese: its facts, its assertion and why it failed, all from the probe's identifiers.
      const step = runs.getByTestId('run-step-0').first();
      expect(await step.getByTestId('step-detail-status').textContent()).toContain('状态码');
      expect(await step.getByTestId('run-assertions').textContent()).toContain('状态码');
      expect(await step.getByTestId('run-step-error').textContent()).toContain('期望 2xx，实际 500');
      // … and in English: the switch loads the other language's texts.
      await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
      await step.getByTestId('step-detail-status').getByText('Status').waitFor({ timeout: 10_000 });
      expect(await step.getByTestId('run-step-error').textContent()).toContain('expected 2xx, got 500');
      await saveScreenshot(page, 'quality-failing-run-en');
      await page.goto(new URL('/quality/services/payment/web_hall', consoleUrl).href);
      await page.getByTestId('kpi-txn_failure_rate').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('drill-kpis').textContent()).toContain('Platform');
      await page.getByTestId('baseline-chart').waitFor();
      await page.waitForTimeout(800);
      await saveScreenshot(page, 'quality-drill-en');
      await page.goto(new URL('/quality', consoleUrl).href);
      await page.locator('[data-testid="quality-heatmap"][data-state="ready"]').waitFor({ timeout: 15_000 });
      await page.waitForTimeout(800);
      await saveScreenshot(page, 'quality-overview-en');
    } finally {
      fixture.demo().setFaults({ routes: {} });
    }
  }, 150_000);

  it('never breaks an identifier, a code or a city name inside a word at 1280 px, in Chinese and English', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await page.setViewportSize({ width: 1280, height: 900 });
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const targets = [
      { name: 'indicators', path: '/indicators', table: 'indicators-table' },
      { name: 'drill', path: '/quality/services/payment/web_hall', table: 'drill-kpis' },
      { name: 'rankings', path: '/rankings?by=service&period=hour', table: 'ranking-worst' },
    ];
    for (const locale of ['zh-CN', 'en']) {
      await page.evaluate((value) => localStorage.setItem('ganzhi.locale', value), locale);
      for (const target of targets) {
        await page.goto(new URL(target.path, consoleUrl).href);
        await page.getByTestId(target.table).locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
        // Names come with the dimensions and the catalogue, which may load after the rows.
        await page.waitForTimeout(1_000);
        expect([
          target.name,
          locale,
          await wordsBrokenAcrossLines(page, '.ant-table th, .ant-table td'),
        ]).toEqual([target.name, locale, []]);
        await saveScreenshot(page, `layout-${target.name}-${locale}-1280`);
      }
    }
  }, 120_000);

  it('shows the rankings in English with the slowest business first', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await page.evaluate(() => localStorage.setItem('ganzhi.locale', 'en'));
    await page.goto(new URL('/rankings?by=service&period=hour', consoleUrl).href);
    const slowest = page.getByTestId('ranking-slowest').locator('tr.ant-table-row').first();
    await slowest.waitFor({ timeout: 15_000 });
    // Names come with the dimensions, which may load after the rows.
    await expect.poll(() => slowest.textContent(), { timeout: 10_000 }).toContain('Payment');
    expect(await page.getByText('Slowest → fastest').count()).toBe(1);
    await saveScreenshot(page, 'quality-rankings-en');
  }, 60_000);

  it('rejects a formula with an unknown measurement under its field, then saves a valid override', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await page.goto(new URL('/indicators', consoleUrl).href);
    await page
      .getByTestId('indicators-table')
      .locator('tr.ant-table-row')
      .first()
      .waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('indicators-table').textContent()).toContain('运行指数');
    // Beside each definition: its current value in its unit with its band, and its scoring rule in words. The
    // failing payments ingested above give the transaction failure rate a value.
    const current = page.getByTestId('indicator-current-txn_failure_rate');
    await expect
      .poll(() => current.getAttribute('data-band'), { timeout: 15_000 })
      .toMatch(/good|tolerable|poor/);
    expect(await current.textContent()).toMatch(/^\d+(\.\d+)? %/);
    expect(await page.getByTestId('indicator-rule-txn_failure_rate').textContent()).toBe(
      '好（5 分）≤ 1 %可容忍（3 分）对应 ≈ 3.162 %差（1 分）≥ 10 %',
    );
    await page.getByTestId('indicator-edit-txn_failure_rate').click();
    const formula = page.getByTestId('indicator-formula');
    await formula.fill('100 * errors / count');
    await page.getByTestId('indicator-save').click();
    const error = page.getByTestId('indicator-form').locator('.ant-form-item-explain-error').first();
    await error.waitFor({ timeout: 10_000 });
    expect(await error.textContent()).toContain('unknown measurement "errors"');
    await saveScreenshot(page, 'quality-indicator-error', { fullPage: false });

    await formula.fill('100 * failures / count');
    await page.getByTestId('indicator-good').fill('2');
    await page.getByTestId('indicator-save').click();
    await page.getByTestId('indicator-form').waitFor({ state: 'hidden', timeout: 10_000 });
    const response = await page.request.get(api(consoleUrl, '/indicators/txn_failure_rate'));
    expect(await response.json()).toMatchObject({ modified: true, thresholds: { good: 2, bad: 10 } });
  }, 60_000);
});
