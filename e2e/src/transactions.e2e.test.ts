// End to end: the demo's passive traffic (every channel × business × city) flows in through the ingest API; the
// explorer shows it, compares the channels side by side and exports the CSV the browser downloads; the service model
// is edited in the console (an alias makes a source spelling acceptable; a bad SLA is refused under its field) — in
// Chromium against a real `ganzhi serve`.
import { readFile } from 'node:fs/promises';
import { demoTransactionsForMinute } from '@ganzhi/demo';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { chooseOption, fieldErrorOf, logIn } from './console-page.js';

const MINUTE_MS = 60_000;
/** The screenshots' size: a common laptop screen. */
const VIEWPORT = { width: 1440, height: 900 };

const api = (consoleUrl: string, path: string) => new URL(`/api/v1${path}`, consoleUrl).href;

/** An API token for a source system, created by the signed-in admin as an operator would. */
async function createToken(page: Page, consoleUrl: string): Promise<string> {
  const response = await page.request.post(api(consoleUrl, '/tokens'), {
    headers: { origin: new URL(consoleUrl).origin },
    data: { name: 'e2e hall logs', scopes: ['ingest:write'] },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

interface IngestResult {
  readonly accepted: number;
  readonly rejected: readonly { index: number; reason: string }[];
}

async function ingest(
  page: Page,
  target: { consoleUrl: string; token: string },
  records: readonly object[],
): Promise<IngestResult> {
  const response = await page.request.post(api(target.consoleUrl, '/ingest/transactions'), {
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    data: JSON.stringify(records),
  });
  expect(response.ok()).toBe(true);
  return (await response.json()) as IngestResult;
}

/**
 * The traffic `ganzhi serve --demo` feeds itself, for the last `minutes` completed minutes, posted through the
 * ingest API in batches of a quarter hour (the suite's server runs without `--demo`, with its own demo back end).
 */
async function ingestDemoTraffic(
  page: Page,
  target: { consoleUrl: string; token: string },
  minutes: number,
): Promise<number> {
  const lastMinute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  let accepted = 0;
  for (let start = minutes - 1; start >= 0; start -= 15) {
    const records = Array.from({ length: Math.min(15, start + 1) }, (_, offset) =>
      demoTransactionsForMinute(lastMinute - (start - offset) * MINUTE_MS, { peakPerMinute: 240 }),
    ).flat();
    const result = await ingest(page, target, records);
    expect(result.rejected).toEqual([]);
    accepted += result.accepted;
  }
  return accepted;
}

/** A record of the business hall that its own logs would send, with the channel spelled as given. */
function hallRecord(channel: string) {
  return {
    time: new Date(Date.now() - 2 * MINUTE_MS).toISOString(),
    business: 'payment',
    channel,
    region: 'changsha',
    latencyMs: 1800,
    outcome: 'ok',
    externalId: `e2e-${channel}-${Date.now()}`,
  };
}

describeConsoleSuite('transactions explorer and service model in a real browser', (fixture) => {
  it('shows the demo traffic, compares channels side by side and downloads it as CSV', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await page.setViewportSize(VIEWPORT);
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const token = await createToken(page, consoleUrl);
    expect(await ingestDemoTraffic(page, { consoleUrl, token }, 60)).toBeGreaterThan(100);

    // zh-CN, the default: the summary cards count what came in.
    await page.goto(new URL('/transactions?range=1h', consoleUrl).href);
    const volume = page.locator('[data-testid="transactions-volume"]:not([data-count="0"])');
    await volume.waitFor({ state: 'attached', timeout: 15_000 });
    expect(Number(await volume.getAttribute('data-count'))).toBeGreaterThan(100);
    await page.locator('[data-testid="transactions-chart-tiers"][data-state="ready"]').waitFor();
    await page.waitForTimeout(800); // ECharts animates its first draw.
    await saveScreenshot(page, 'transactions');

    // English, compared by channel: a row per channel with traffic.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByTestId('transactions-compare-channel').click();
    await page.waitForURL((url) => url.searchParams.get('compare') === 'channel');
    const rows = page.getByTestId('transactions-table').locator('tr.ant-table-row');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    // Names come with the dimensions, which may load after the rows.
    await expect
      .poll(() => page.getByTestId('transactions-table').textContent(), { timeout: 10_000 })
      .toContain('Business hall');
    await page.locator('[data-testid="transactions-chart-volume"][data-state="ready"]').waitFor();
    await page.waitForTimeout(800);
    await saveScreenshot(page, 'transactions-compare');

    // Export CSV: the browser downloads the series shown, one line per channel and minute.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('transactions-export').click(),
    ]);
    expect(download.suggestedFilename()).toBe('ganzhi-transactions.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'time,group,count,failures,failure_ratio,p50_ms,p95_ms,p99_ms,fast,slow,sluggish,very_slow',
    );
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.some((line) => line.includes(',hall,'))).toBe(true);

    // A row narrows the view to its channel.
    const total = Number(await volume.getAttribute('data-count'));
    await rows.first().click();
    await page.waitForURL((url) => url.searchParams.get('channel') !== null);
    expect(new URL(page.url()).searchParams.get('compare')).toBeNull();
    await expect
      .poll(async () => Number(await page.getByTestId('transactions-volume').getAttribute('data-count')))
      .toBeLessThan(total);

    // A deep link: a custom window, the province (standing for its cities), compared by city.
    const to = new Date();
    const from = new Date(to.getTime() - 30 * MINUTE_MS);
    const link = new URL('/transactions', consoleUrl);
    link.search = new URLSearchParams({
      range: 'custom',
      from: from.toISOString(),
      to: to.toISOString(),
      region: 'hunan',
      compare: 'region',
    }).toString();
    await page.goto(link.href);
    await page.getByTestId('transactions-custom-range').first().waitFor();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('transactions-filter-region').textContent()).toContain('Hunan');

    // A window before any traffic: the empty state says how transactions get in.
    link.search = new URLSearchParams({
      range: 'custom',
      from: new Date(from.getTime() - 2 * 86_400_000).toISOString(),
      to: new Date(from.getTime() - 86_400_000).toISOString(),
    }).toString();
    await page.goto(link.href);
    await page.getByTestId('transactions-empty').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('transactions-empty').textContent()).toContain(
      '/api/v1/ingest/transactions',
    );
  }, 120_000);

  it('edits the service model: an alias makes a spelling acceptable, a bad SLA is refused under its field', async () => {
    const { page, consoleUrl } = await fixture.openConsole();
    await page.setViewportSize(VIEWPORT);
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    const target = { consoleUrl, token: await createToken(page, consoleUrl) };
    const before = await ingest(page, target, [hallRecord('营业厅A')]);
    expect(before.accepted).toBe(0);
    expect(before.rejected[0]?.reason).toContain('营业厅A');

    // The alias: 营业厅A is how the hall's own logs name the business hall channel (`hall`).
    await page.goto(new URL('/dimensions?tab=aliases', consoleUrl).href);
    await page.getByTestId('alias-input').fill('营业厅A');
    await chooseOption(page, 'alias-code', 'hall');
    await page.getByTestId('alias-add').click();
    await page.getByTestId('alias-table').getByText('营业厅A').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('alias-table').textContent()).toContain('实体厅 (hall)');
    const after = await ingest(page, target, [hallRecord('营业厅A')]);
    expect(after).toMatchObject({ accepted: 1, rejected: [] });
    await saveScreenshot(page, 'dimensions');

    // A business whose SLA is negative: the server refuses it, and the problem shows under the SLA field.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.goto(new URL('/dimensions?tab=businesses', consoleUrl).href);
    await page.getByTestId('dimension-add-businesses').click();
    await page.getByTestId('dimension-code').fill('broadband_repair');
    await page.getByTestId('dimension-name-zh').fill('宽带报修');
    await page.getByTestId('dimension-name-en').fill('Broadband repair');
    await page.getByTestId('dimension-sla').fill('-5');
    await page.getByTestId('dimension-save').click();
    const slaError = fieldErrorOf(page, 'dimension-sla');
    await slaError.waitFor({ timeout: 10_000 });
    expect(await slaError.textContent()).toContain('SLA baseline must be more than 0 seconds');
    await saveScreenshot(page, 'dimensions-error', { fullPage: false });

    // Corrected, it is saved and listed with its SLA in seconds.
    await page.getByTestId('dimension-sla').fill('3');
    await page.getByTestId('dimension-save').click();
    const row = page
      .getByTestId('dimension-table-businesses')
      .locator('tr.ant-table-row')
      .filter({ hasText: 'broadband_repair' });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('3 s');

    // The region tree: the province with its cities below it.
    await page.getByRole('tab', { name: /Regions/ }).click();
    const regions = page.getByTestId('dimension-table-regions');
    await regions.getByText('Changsha', { exact: true }).waitFor();
    await page.waitForTimeout(500); // The tab's ink bar slides over.
    expect(await regions.locator('tr.ant-table-row-level-1').count()).toBeGreaterThanOrEqual(14);
    await saveScreenshot(page, 'dimensions-regions');
  }, 90_000);
});
