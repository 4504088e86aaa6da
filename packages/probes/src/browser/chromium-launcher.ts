import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import type { BrowserLauncher } from '../browser-launcher.js';

/** Debian's package; the agent image installs it rather than Playwright's own download. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * `--no-sandbox` because agents run in containers without the user namespaces Chromium's sandbox needs; QUIC,
 * background networking, component updates and sync are off so the only traffic is the journey's own, and every
 * request of it goes through the address guard (QUIC would also hide the connection phases).
 */
const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A cold Chromium starts in 1–3 s; a minute means it is wedged, not slow. */
const LAUNCH_TIMEOUT_MS = 60_000;

export interface ChromiumLauncherOptions {
  readonly executablePath?: string;
  /** Browser processes to spread steps over, each launched on first use; 1 (the default) keeps memory lowest. */
  readonly maxBrowsers?: number;
}

/**
 * A launcher for Debian's Chromium that starts a browser on first use and reuses it (relaunching it if it died);
 * each step opens its own context in it, which has an empty profile. With `maxBrowsers > 1` steps are spread
 * round-robin over that many processes.
 *
 * @example
 * const browsers = createChromiumLauncher();
 * await runFlow(steps, { clock, addressPolicy, browsers });
 * await browsers.close();
 */
export function createChromiumLauncher(options: ChromiumLauncherOptions = {}): BrowserLauncher {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const slotCount = Math.max(1, Math.floor(options.maxBrowsers ?? 1));
  const slots = Array.from({ length: slotCount }, (): Promise<Browser> | undefined => undefined);
  let next = 0;
  let isClosed = false;

  function launchInto(slot: number): Promise<Browser> {
    const launching = launchChromium(executablePath).then((browser) => {
      browser.on('disconnected', () => {
        if (slots[slot] === launching) slots[slot] = undefined;
      });
      return browser;
    });
    // A failed launch must not stick: the next step tries again (Chromium may have been installed meanwhile).
    launching.catch(() => {
      if (slots[slot] === launching) slots[slot] = undefined;
    });
    slots[slot] = launching;
    return launching;
  }

  return {
    async acquire() {
      const slot = next;
      next = (next + 1) % slots.length;
      // A browser found dead is dropped and launched again, once: dying twice in a row is not worth hiding.
      for (let attempt = 0; attempt < 2; attempt++) {
        if (isClosed) throw new Error('the browser launcher is closed');
        const launching = slots[slot] ?? launchInto(slot);
        const browser = await launching;
        if (browser.isConnected()) return browser;
        if (slots[slot] === launching) slots[slot] = undefined;
      }
      throw new Error('the browser disconnected right after it was launched');
    },
    async close() {
      isClosed = true;
      const launched = [...slots];
      for (let slot = 0; slot < slots.length; slot++) slots[slot] = undefined;
      // Launches still in flight are awaited too, so no browser outlives the launcher.
      await Promise.all(
        launched.map(async (launching) => {
          const browser = await launching?.catch(() => undefined);
          await browser?.close();
        }),
      );
    },
  };
}

function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
    timeout: LAUNCH_TIMEOUT_MS,
    // Playwright's own handlers would exit the process on SIGINT before the agent finishes its runs; the agent
    // closes the launcher in its shutdown instead (Playwright still kills the browser if the process exits).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/**
 * Whether `executablePath` exists and may be executed; the agent uses it to decide if it offers browser steps.
 *
 * @example if (await isChromiumAvailable()) browsers = createChromiumLauncher();
 */
export async function isChromiumAvailable(executablePath: string = DEFAULT_CHROMIUM_PATH): Promise<boolean> {
  try {
    await access(executablePath, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
