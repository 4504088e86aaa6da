// `ganzhi export` writes checks exactly as the golden file the console's YAML view is also held to.
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { PERMISSIONS } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { adminContext } from './test-admin-context.js';
import { applyCommand } from './apply-command.js';
import { exportCommand } from './export-command.js';
import { captureOutput } from './test-output-capture.js';

/** A check with a step of every kind; `packages/contracts` and the console test against the same file. */
const golden = new URL('../../../../packages/contracts/testdata/check-export.yaml', import.meta.url).pathname;

describe('ganzhi export', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const config = parseServerConfig(
      { GANZHI_ADMIN_PASSWORD: 'export-test-pass', GANZHI_LOG_LEVEL: 'silent' },
      { port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ganzhi-export-')) },
    );
    server = await startServer(config, { logger: createSilentLogger() });
    const created = await server.services.auth.createToken({
      ctx: await adminContext(server, 'export-test-pass'),
      input: { name: 'export-test', scopes: [...PERMISSIONS] },
    });
    token = created.token;
  });
  afterAll(async () => server.close());
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('writes an applied check back as the same text, byte for byte', async () => {
    const applied = captureOutput();
    await applyCommand({ file: golden, server: server.url, token });
    vi.restoreAllMocks();
    expect(applied.err()).toBe('');
    const exported = captureOutput();
    await exportCommand({ server: server.url, token, format: 'yaml' });
    vi.restoreAllMocks();
    expect(exported.out()).toBe(readFileSync(golden, 'utf8'));
  });
});
