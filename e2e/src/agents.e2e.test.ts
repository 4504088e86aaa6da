// End to end: agents in every city. The console issues an enrolment token, the command it shows enrols a real
// `ganzhi agent`, and the agents and locations pages show it beside the built-in agent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { startAgentFromCommand, type AgentProcess } from './agent-process.js';
import { describeConsoleSuite, saveScreenshot } from './console-fixture.js';
import { chooseOption, logIn } from './console-page.js';

const AGENT_NAME = 'e2e-changsha-1';

/** A check that runs at the built-in location and in Changsha, so both have results to show. */
async function createTwoLocationCheck(
  page: Page,
  urls: { consoleUrl: string; demoUrl: string },
): Promise<string> {
  // The page's request context carries the session cookie of the signed-in browser.
  const response = await page.request.post(new URL('/api/v1/checks', urls.consoleUrl).href, {
    headers: { origin: new URL(urls.consoleUrl).origin },
    data: {
      name: 'E2E 多地首页',
      intervalSeconds: 10,
      region: 'changsha',
      locations: ['local', 'changsha'],
      steps: [{ kind: 'http', url: new URL('/', urls.demoUrl).href, expectStatus: '2xx' }],
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** The agents table row of one agent, found by its name. */
function agentRow(page: Page, name: string) {
  return page.getByTestId('agents-table').locator('tr.ant-table-row').filter({ hasText: name });
}

describeConsoleSuite('agents and locations in a real browser', (fixture) => {
  it('enrols an agent with the command the console shows, then maps its location', async () => {
    const { page, consoleUrl, demoUrl } = await fixture.openConsole();
    const agentDir = mkdtempSync(join(tmpdir(), 'ganzhi-e2e-agent-'));
    let agent: AgentProcess | undefined;
    try {
      await logIn(page, { consoleUrl, password: fixture.adminPassword });
      // English, so the screenshots read on machines without CJK fonts; the pages are the same in both languages.
      await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
      await page.goto(new URL('/agents', consoleUrl).href);

      // The built-in agent at the server's own location is there and healthy.
      const builtin = page.getByTestId('agents-table').locator('tr.ant-table-row').first();
      await builtin
        .locator('[data-testid="agent-health"][data-health="healthy"]')
        .waitFor({ timeout: 20_000 });
      expect(await builtin.textContent()).toContain('local');
      expect(await builtin.getByTestId('agent-revoke').count()).toBe(0);

      // "Add agent": a one-time token and the command line that uses it.
      await page.getByTestId('add-agent-button').click();
      await page
        .locator('[data-testid="enrol-location"] input, input[data-testid="enrol-location"]')
        .fill('changsha');
      // Closes the suggestions (Escape would close the modal itself).
      await page.locator('.ant-modal-title').click();
      await page.getByTestId('enrol-submit').click();
      const commandText = (await page.getByTestId('enrol-command').locator('code').textContent()) ?? '';
      expect(commandText).toMatch(/^ganzhi agent --server http:\/\/\S+ --token \S+ --location changsha$/);
      expect(commandText).toContain(new URL(consoleUrl).origin);
      await page.waitForTimeout(500);
      await saveScreenshot(page, 'agents-enrol', { fullPage: false });

      // The command works: pasted on an "agent host", it enrols a remote agent that reports healthy.
      agent = startAgentFromCommand(commandText, { name: AGENT_NAME, dataDir: agentDir });
      await page.getByTestId('enrol-close').click();
      const checkId = await createTwoLocationCheck(page, { consoleUrl, demoUrl });
      await agentRow(page, AGENT_NAME)
        .locator('[data-testid="agent-health"][data-health="healthy"]')
        .waitFor({ timeout: 30_000 })
        .catch((error: unknown) => {
          throw new Error(`agent did not show up healthy; its output:\n${agent?.output() ?? ''}`, {
            cause: error,
          });
        });
      expect(await agentRow(page, AGENT_NAME).getByTestId('agent-revoke').count()).toBe(1);
      await page.getByTestId('agents-stat-total').getByText('2').waitFor();
      await saveScreenshot(page, 'agents');

      // Locations: the map places Changsha, the table lists both locations; the edit modal names one.
      await page.getByRole('menuitem', { name: 'Locations' }).click();
      await page.waitForURL((url) => url.pathname === '/locations');
      await page
        .locator('[data-testid="locations-map"][data-state="ready"] svg')
        .waitFor({ timeout: 10_000 });
      const table = page.getByTestId('locations-table');
      await table.locator('tr.ant-table-row').filter({ hasText: 'changsha' }).waitFor();
      expect(await table.locator('tr.ant-table-row').filter({ hasText: 'local' }).count()).toBe(1);
      expect(await page.getByTestId('locations-stat-cities').textContent()).toContain('1 / 14');

      // Clicking a city on the map narrows the table to its locations.
      await page
        .getByTestId('locations-map')
        .locator('svg text')
        .getByText('Changsha', { exact: true })
        .click();
      await page.getByTestId('locations-city-filter').waitFor();
      expect(await table.locator('tr.ant-table-row').count()).toBe(1);
      await page.getByTestId('locations-city-filter').locator('.ant-tag-close-icon').click();
      await table.locator('tr.ant-table-row').nth(1).waitFor();

      await table
        .locator('tr.ant-table-row')
        .filter({ hasText: 'changsha' })
        .getByTestId('location-edit')
        .click();
      await page.getByTestId('location-name').fill('Changsha Wuyi Square');
      await chooseOption(page, 'location-region', 'changsha');
      await page.getByTestId('location-site').fill('Wuyi Square business hall');
      await page.getByTestId('location-save').click();
      await table.getByText('Changsha Wuyi Square').waitFor({ timeout: 10_000 });

      // The runs of the last hour reach the table once both agents have run the check.
      await table
        .locator('tr.ant-table-row')
        .filter({ hasText: 'changsha' })
        .locator('td')
        .nth(6)
        .filter({ hasText: /^[1-9]/ })
        .waitFor({ timeout: 40_000 });
      // Let the save message go and the chart's entry animation finish so the screenshot shows the dots.
      await page.locator('.ant-message-notice').waitFor({ state: 'detached', timeout: 10_000 });
      await page.waitForTimeout(1_000);
      await saveScreenshot(page, 'locations');

      // A check run from two locations can be narrowed to one: its runs then all come from there.
      await page.goto(new URL(`/checks/${checkId}`, consoleUrl).href);
      await page.getByTestId('location-picker').getByText('Changsha Wuyi Square').click();
      const runs = page.getByTestId('runs-table');
      await runs.getByTestId('run-ok').first().waitFor({ timeout: 20_000 });
      const runLocations = await runs.locator('tr.ant-table-row td:last-child').allTextContents();
      expect(new Set(runLocations)).toEqual(new Set(['changsha']));
      await page.waitForTimeout(1_000);
      await saveScreenshot(page, 'check-locations');
    } finally {
      await agent?.stop();
      rmSync(agentDir, { recursive: true, force: true });
    }
  }, 150_000);
});
