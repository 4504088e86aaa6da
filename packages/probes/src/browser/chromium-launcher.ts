import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { Logger } from '@ganzhi/runtime';
import type { Browser } from 'playwright-core';
import type { BrowserLauncher, ConfinedContext, ConfinedContextOptions } from '../browser-launcher.js';
import type { AddressPolicy } from '../safety/address-policy.js';
import { planChromiumLaunch, type ChromiumLaunchPlan, type LaunchPlans } from './chromium-privileges.js';
import type { EgressLimits } from './egress-connect.js';
import { startEgressProxy, type EgressProxy } from './egress-proxy.js';
import { systemHostLookup, type HostLookup } from './egress-target.js';

/** Debian's package; the agent image installs it rather than Playwright's own download. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Every connection goes to the egress proxy, loopback included (Chromium sends loopback direct unless told
 * `<-loopback>`); Chromium resolves no name itself (the proxy does, and judges the answer), so DNS prefetching does
 * nothing; WebRTC may not send UDP around the proxy; QUIC is off (it is UDP, and would hide the connection phases).
 * Background networking, component updates and sync are off so the only traffic is the journey's own.
 */
function chromiumArgs(proxyUrl: string): string[] {
  return [
    '--headless',
    '--disable-gpu',
    `--proxy-server=${proxyUrl}`,
    '--proxy-bypass-list=<-loopback>',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** A cold Chromium starts in 1–3 s; a minute means it is wedged, not slow. */
const LAUNCH_TIMEOUT_MS = 60_000;

/** How Chromium reports a sandbox it cannot set up, and the wrapper a drop of privileges it cannot make. */
const SANDBOX_FAILURE = /sandbox|namespace|setpriv|operation not permitted|permission denied/i;

/** The browser's own traffic, outside any step's context: nothing of it is allowed out. */
const BROWSER_OWN_TRAFFIC: AddressPolicy = { check: () => "the browser's own traffic is not allowed out" };

export interface ChromiumLauncherOptions {
  readonly executablePath?: string;
  /** Browser processes to spread steps over, each launched on first use; 1 (the default) keeps memory lowest. */
  readonly maxBrowsers?: number;
  /** How the egress proxy resolves names; tests pass one to play DNS. Defaults to the system resolver. */
  readonly lookup?: HostLookup;
  readonly egressLimits?: Partial<EgressLimits>;
  /** Where a fall-back to a less confined Chromium is reported. */
  readonly logger?: Logger;
}

/**
 * A launcher for Debian's Chromium that starts a browser on first use and reuses it (relaunching it if it died).
 * Each step gets its own context (empty profile) whose only way out is its own egress proxy, judging by the step's
 * address policy; the browser-wide proxy setting points at a proxy that refuses everything. With `maxBrowsers > 1`
 * steps are spread round-robin over that many processes.
 *
 * @example
 * const browsers = createChromiumLauncher({ logger });
 * await runFlow(steps, { clock, addressPolicy, browsers });
 * await browsers.close();
 */
export function createChromiumLauncher(options: ChromiumLauncherOptions = {}): BrowserLauncher {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  const slotCount = Math.max(1, Math.floor(options.maxBrowsers ?? 1));
  const slots = Array.from({ length: slotCount }, (): Promise<Browser> | undefined => undefined);
  const proxies = new Set<EgressProxy>();
  const startProxy = async (policy: AddressPolicy): Promise<EgressProxy> => {
    const proxy = await startEgressProxy({ policy, lookup: options.lookup, limits: options.egressLimits });
    proxies.add(proxy);
    return proxy;
  };
  const stopProxy = (proxy: EgressProxy): Promise<void> => {
    proxies.delete(proxy);
    return proxy.stop();
  };
  let browserProxy: Promise<EgressProxy> | undefined;
  let launchPlans: Promise<LaunchPlans> | undefined;
  let planIndex = 0;
  let next = 0;
  let isClosed = false;

  /** Tries the launch plans from the last one that worked; moves on only when the sandbox was the problem. */
  async function launch(): Promise<Browser> {
    browserProxy ??= startProxy(BROWSER_OWN_TRAFFIC);
    launchPlans ??= planChromiumLaunch(executablePath, { uid: process.getuid?.() });
    const [{ url }, { plans }] = await Promise.all([browserProxy, launchPlans]);
    for (let index = planIndex; ; index++) {
      const plan = plans[index];
      if (plan === undefined) throw new Error('no way to launch Chromium is left');
      try {
        const browser = await launchChromium(plan, url);
        planIndex = index;
        return browser;
      } catch (error) {
        const fallback = plans[index + 1];
        if (fallback === undefined || !SANDBOX_FAILURE.test(String(error))) throw error;
        options.logger?.warn(
          { err: error, tried: plan.description, next: fallback.description },
          'chromium did not start confined; starting it less confined',
        );
      }
    }
  }

  function launchInto(slot: number): Promise<Browser> {
    const launching = launch().then((browser) => {
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

  async function acquire(): Promise<Browser> {
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
  }

  async function openContext(contextOptions: ConfinedContextOptions): Promise<ConfinedContext> {
    const browser = await acquire();
    const proxy = await startProxy(contextOptions.addressPolicy);
    try {
      if (isClosed) throw new Error('the browser launcher is closed');
      // Service workers are blocked: they outlive the step's page, and their fetches skip Playwright's routes.
      const browserContext = await browser.newContext({
        viewport: contextOptions.viewport,
        serviceWorkers: 'block',
        acceptDownloads: false,
        proxy: { server: proxy.url, bypass: '<-loopback>' },
      });
      browserContext.once('close', () => void stopProxy(proxy));
      return {
        browserContext,
        refusalFor: (url) => proxy.refusalFor(url),
        lookup: options.lookup ?? systemHostLookup,
      };
    } catch (error) {
      await stopProxy(proxy);
      throw error;
    }
  }

  return {
    openContext,
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
      await Promise.all([...proxies].map(stopProxy));
      await (await launchPlans?.catch(() => undefined))?.dispose();
    },
  };
}

/**
 * playwright-core is loaded with the first launch: a process (or probe thread) that never runs a browser step does
 * not pay its memory and start-up (tens of megabytes of heap per thread).
 */
async function launchChromium(plan: ChromiumLaunchPlan, proxyUrl: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: plan.executablePath,
    chromiumSandbox: plan.isSandboxed,
    args: chromiumArgs(proxyUrl),
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
