import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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

describe.skipIf(!hasChromium)('chromium launcher', () => {
  it('reuses one browser and relaunches it after it died', async () => {
    const launcher = createChromiumLauncher();
    try {
      const [first, second] = await Promise.all([launcher.acquire(), launcher.acquire()]);
      expect(second).toBe(first);
      await first.close();
      const relaunched = await launcher.acquire();
      expect(relaunched).not.toBe(first);
      expect(relaunched.isConnected()).toBe(true);
    } finally {
      await launcher.close();
    }
  });

  it('refuses to launch once closed', async () => {
    const launcher = createChromiumLauncher();
    await launcher.close();
    await expect(launcher.acquire()).rejects.toThrow('the browser launcher is closed');
  });

  it('fails to acquire when the executable is missing, and tries again next time', async () => {
    const launcher = createChromiumLauncher({ executablePath: '/nonexistent/chromium' });
    await expect(launcher.acquire()).rejects.toThrow();
    await expect(launcher.acquire()).rejects.toThrow();
    await launcher.close();
  });
});
