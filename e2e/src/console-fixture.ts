import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoBackend, type DemoBackend } from '@ganzhi/demo';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './console-server.js';

const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const consoleIndex = join(repoRoot, 'apps/console/dist/index.html');
const cliMain = join(repoRoot, 'apps/cli/dist/main.js');
const screenshotDir = join(repoRoot, 'e2e/screenshots');

function findMissingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM_PATH)) missing.push(`${CHROMIUM_PATH} (apt-get install chromium)`);
  if (!existsSync(consoleIndex)) missing.push(`${consoleIndex} (npm run build -w @ganzhi/console)`);
  if (!existsSync(cliMain)) missing.push(`${cliMain} (npx tsc -b)`);
  return missing;
}

/** One console scenario's world: a real `ganzhi serve`, the demo back end and Chromium, all its own. */
export interface ConsoleFixture {
  readonly adminPassword: string;
  /** A fresh browser context (no cookies, default language zh-CN) on the console. */
  openConsole(): Promise<{ page: Page; consoleUrl: string; demoUrl: string }>;
  demo(): DemoBackend;
}

function createConsoleFixture(): ConsoleFixture {
  const adminPassword = randomBytes(12).toString('base64url');
  const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-e2e-'));
  let demo: DemoBackend | undefined;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    demo = await startDemoBackend({ port: 0 });
    server = await startServerProcess({ cliMain, dataDir, adminPassword, timeoutMs: 30_000 });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    adminPassword,
    async openConsole() {
      if (!browser || !server || !demo) throw new Error('beforeAll did not finish');
      const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
      return { page: await context.newPage(), consoleUrl: server.consoleUrl, demoUrl: demo.url };
    },
    demo() {
      if (!demo) throw new Error('beforeAll did not finish');
      return demo;
    },
  };
}

/**
 * A console suite that runs in a real browser when the built console, the built CLI and Chromium are present. It is
 * skipped (with a warning) otherwise, unless GANZHI_REQUIRE_E2E=1 makes missing prerequisites a failure.
 */
export function describeConsoleSuite(title: string, define: (fixture: ConsoleFixture) => void): void {
  const missing = findMissingPrerequisites();
  const isRequired = process.env.GANZHI_REQUIRE_E2E === '1';
  if (missing.length > 0 && !isRequired) {
    console.warn(
      `\n[e2e] "${title}" SKIPPED, missing: ${missing.join('; ')}. Set GANZHI_REQUIRE_E2E=1 to make this a failure.\n`,
    );
  }
  describe.runIf(missing.length > 0 && isRequired)(`${title}: prerequisites`, () => {
    it('are all present, as GANZHI_REQUIRE_E2E=1 demands', () => {
      throw new Error(`console end-to-end suite cannot run, missing: ${missing.join('; ')}`);
    });
  });
  describe.skipIf(missing.length > 0)(title, () => define(createConsoleFixture()));
}

/**
 * Saves a screenshot under `e2e/screenshots/`: the whole page, or only the viewport when a drawer covers it (a
 * full-page shot of a drawer shows it cut off halfway down the page).
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: options.fullPage ?? true });
}
