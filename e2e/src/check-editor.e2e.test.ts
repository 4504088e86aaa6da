// End to end: a check made in the editor at two locations (their agents' status and browser support shown), an
// unknown location refused under the field in the reader's language, then the interval edited in the YAML view and
// saved from there.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { addStep, fieldErrorOf, logIn } from './console-page.js';

const api = (consoleUrl: string, path: string) => new URL(`/api/v1${path}`, consoleUrl).href;

/** Names Changsha's location (no agent yet) so the select shows a name beside its code. */
async function nameLocation(page: Page, consoleUrl: string): Promise<void> {
  const response = await page.request.put(api(consoleUrl, '/locations/changsha'), {
    headers: { origin: new URL(consoleUrl).origin },
    data: { name: '长沙营业厅', regionCode: 'changsha', site: null },
  });
  expect(response.status()).toBe(204);
}

/**
 * Enrols an agent at Yueyang through the agent protocol and has it report one heartbeat without Chromium: an
 * online location that cannot run browser steps.
 */
async function enrolAgentWithoutBrowser(page: Page, consoleUrl: string): Promise<void> {
  const issued = await page.request.post(api(consoleUrl, '/agents/enrolment-tokens'), {
    headers: { origin: new URL(consoleUrl).origin },
    data: { location: 'yueyang' },
  });
  expect(issued.status()).toBe(201);
  const { token } = (await issued.json()) as { token: string };
  // Plain fetch: the agent protocol takes bearer credentials, not the browser's session.
  const enrolled = await fetch(api(consoleUrl, '/agent/enrol'), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'e2e-yueyang-1', location: 'yueyang', version: 'e2e', hostname: null }),
  });
  expect(enrolled.status).toBe(201);
  const { credential } = (await enrolled.json()) as { credential: string };
  const beat = await fetch(api(consoleUrl, '/agent/heartbeat'), {
    method: 'POST',
    headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      version: 'e2e',
      location: 'yueyang',
      hostname: null,
      backlog: 0,
      oldestUnsentAt: null,
      clockOffsetMs: null,
      browserAvailable: false,
      supportedKinds: ['http', 'tcp', 'dns', 'tls', 'wait'],
    }),
  });
  expect(beat.status).toBe(200);
}

/** Opens the locations select and picks `code`; the dropdown stays open for more (a multiple select). */
async function pickLocation(page: Page, code: string): Promise<void> {
  await page.getByTestId('check-locations').click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${code}"]`).click();
}

async function closeDropdown(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

async function replaceYaml(page: Page, from: RegExp, to: string): Promise<void> {
  const area = page.getByTestId('check-yaml');
  const text = await area.inputValue();
  expect(text).toMatch(from);
  await area.fill(text.replace(from, to));
}

describeConsoleSuite('check editor: locations and the YAML view', (fixture) => {
  it('saves a check at two locations whose interval was edited as YAML', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    await logIn(page, { consoleUrl, password: fixture.adminPassword });
    await nameLocation(page, consoleUrl);
    await enrolAgentWithoutBrowser(page, consoleUrl);

    await page.goto(new URL('/checks/new', consoleUrl).href);
    await page.getByTestId('check-form').waitFor();
    await page.getByTestId('check-name').fill('E2E 两地首页');
    await page.getByTestId('step-0-url').fill(new URL('/', demoUrl).href);
    await addStep(page, 'browser');
    await page.getByTestId('step-1-action-0-url').fill(new URL('webhall/login', demoUrl).href);
    // A new check runs at the built-in location until others are chosen.
    await page.getByTestId('location-tag-local').waitFor();

    // Every known location with its agents' status; Yueyang's agent has no Chromium for the browser step.
    await pickLocation(page, 'changsha');
    const yueyang = page.getByTestId('location-option-yueyang');
    await yueyang.getByText('不能运行浏览器步骤').waitFor();
    expect(await yueyang.locator('[data-presence]').textContent()).toBe('在线 · 1/1 个探针正常');
    expect(
      await page
        .getByTestId('location-option-changsha')
        .locator('[data-presence]')
        .getAttribute('data-presence'),
    ).toBe('none');
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'check-editor-locations-zh', { fullPage: false });
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="yueyang"]').click();
    await closeDropdown(page);
    await page.getByTestId('locations-no-browser').waitFor();
    await page.getByTestId('location-tag-yueyang').locator('.ant-tag-close-icon').click();
    await page.getByTestId('locations-no-browser').waitFor({ state: 'detached' });

    // A code nobody knows passes the form but not the server, whose refusal shows under the field.
    await page.getByTestId('check-locations').click();
    await page.keyboard.type('mars');
    await page.keyboard.press('Enter');
    await closeDropdown(page);
    await page.getByTestId('check-submit').click();
    await expect.poll(() => fieldErrorOf(page, 'check-locations').textContent()).toContain('未知位置“mars”');
    await page.getByTestId('location-tag-mars').locator('.ant-tag-close-icon').click();

    // The YAML view: what `ganzhi export` writes; a bad interval is refused with its line, the edit kept.
    await page.getByTestId('check-editor-mode').getByText('YAML', { exact: true }).click();
    const yaml = page.getByTestId('check-yaml');
    expect(await yaml.inputValue()).toContain(
      '    locations:\n      - local\n      - changsha\n    variables: {}',
    );
    await replaceYaml(page, /intervalSeconds: 60\n/, 'intervalSeconds: 5\n');
    await page.getByTestId('check-editor-mode').getByText('表单', { exact: true }).click();
    const issue = page.getByTestId('yaml-issues').locator('li[data-path="intervalSeconds"]');
    await issue.waitFor();
    expect(await issue.getAttribute('data-line')).toBe('5');
    expect(await issue.textContent()).toContain('第 5 行 · intervalSeconds');
    await page.waitForTimeout(300);
    await saveScreenshot(page, 'check-editor-yaml-zh');
    await replaceYaml(page, /intervalSeconds: 5\n/, 'intervalSeconds: 120\n');

    await page.getByTestId('check-submit').click();
    await page.waitForURL((url) => /^\/checks\/[^/]+$/.test(url.pathname) && url.pathname !== '/checks/new', {
      timeout: 10_000,
    });
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
    const saved = (await (await page.request.get(api(consoleUrl, `/checks/${id}`))).json()) as {
      locations: string[];
      intervalSeconds: number;
      steps: { kind: string }[];
    };
    expect(saved.locations).toEqual(['local', 'changsha']);
    expect(saved.intervalSeconds).toBe(120);
    expect(saved.steps.map((step) => step.kind)).toEqual(['http', 'browser']);

    // Editing shows the saved locations again.
    await page.goto(new URL(`/checks/${id}/edit`, consoleUrl).href);
    await page.getByTestId('location-tag-changsha').waitFor();
    expect(await page.getByTestId('location-tag-local').count()).toBe(1);
    expect(await page.getByTestId('check-interval').inputValue()).toBe('120');

    // The same field in English.
    await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
    await page.getByTestId('check-locations').click();
    await page.getByTestId('location-option-changsha').getByText('No agent').waitFor();
    await page.waitForTimeout(500);
    await saveScreenshot(page, 'check-editor-locations-en', { fullPage: false });
  }, 120_000);
});
