import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLOW_ALL_ADDRESSES } from '../safety/address-policy.js';
import { createChromiumLauncher, isChromiumAvailable } from './chromium-launcher.js';

// See browser-step-executor.test.ts: CI sets GANZHI_REQUIRE_E2E=1 so a missing Chromium fails instead of skipping.
const hasChromium = process.env.GANZHI_REQUIRE_E2E === '1' || existsSync('/usr/bin/chromium');

describe('isChromiumAvailable', () => {
  it('is false for a path that does not exist', async () => {
    expect(await isChromiumAvailable('/nonexistent/chromium')).toBe(false);
  });

  it('is false for a file that is not executable', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'ganzhi-chromium-'));
    try {
      const path = join(directory, 'chromium');
      await writeFile(path, '#!/bin/sh\n', { mode: 0o644 });
      expect(await isChromiumAvailable(path)).toBe(false);
    } finally {
      await rm(directory, { recursive: true });
    }
  });

  it('is true for an executable file', async () => {
    expect(await isChromiumAvailable('/bin/sh')).toBe(true);
  });
});

const contextOptions = { addressPolicy: ALLOW_ALL_ADDRESSES, viewport: { width: 800, height: 600 } };

describe.skipIf(!hasChromium)('chromium launcher', () => {
  it('reuses one browser and relaunches it after it died', async () => {
    const launcher = createChromiumLauncher();
    try {
      const [first, second] = await Promise.all([
        launcher.openContext(contextOptions),
        launcher.openContext(contextOptions),
      ]);
      const browser = first.browserContext.browser();
      expect(second.browserContext.browser()).toBe(browser);
      await browser?.close();
      const relaunched = (await launcher.openContext(contextOptions)).browserContext.browser();
      expect(relaunched).not.toBe(browser);
      expect(relaunched?.isConnected()).toBe(true);
    } finally {
      await launcher.close();
    }
  });

  it('keeps Chromium sandboxed, and off root when the agent is root', async () => {
    const launcher = createChromiumLauncher();
    try {
      const { browserContext } = await launcher.openContext(contextOptions);
      const page = await browserContext.newPage();
      await page.goto('about:blank');
      const processes = chromiumProcesses();
      expect(processes.length).toBeGreaterThan(0);
      expect(processes.some((entry) => entry.args.includes('--no-sandbox'))).toBe(false);
      if (process.getuid?.() === 0) expect(processes.every((entry) => entry.uid !== 0)).toBe(true);
    } finally {
      await launcher.close();
    }
  });

  it('refuses to launch once closed', async () => {
    const launcher = createChromiumLauncher();
    await launcher.close();
    await expect(launcher.openContext(contextOptions)).rejects.toThrow('the browser launcher is closed');
  });

  it('fails to open a context when the executable is missing, and tries again next time', async () => {
    const launcher = createChromiumLauncher({ executablePath: '/nonexistent/chromium' });
    await expect(launcher.openContext(contextOptions)).rejects.toThrow();
    await expect(launcher.openContext(contextOptions)).rejects.toThrow();
    await launcher.close();
  });
});

/** The parent pid of a process, from `/proc/<pid>/stat` (the field after the parenthesised command name). */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(parent) && parent > 0 ? parent : null;
  } catch {
    return null;
  }
}

/** Whether `pid` descends from this test process (other browsers on the machine are not ours to judge). */
function isOurs(pid: number): boolean {
  for (let current: number | null = pid, hops = 0; current !== null && hops < 64; hops += 1) {
    if (current === process.pid) return true;
    current = parentOf(current);
  }
  return false;
}

/** Chromium processes started from this test process's launchers, with their real uid and arguments. */
function chromiumProcesses(): { uid: number; args: string }[] {
  const entries: { uid: number; args: string }[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
      if (!args.includes('/chromium') || !args.includes('--remote-debugging-pipe')) continue;
      if (!isOurs(Number(pid))) continue;
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      entries.push({ uid: Number(uid), args });
    } catch {
      // The process ended while being read.
    }
  }
  return entries;
}
