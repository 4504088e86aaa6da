// Every command that talks to the server names the URL it tried and why it failed, against a port nobody listens on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findFreePort } from '@ganzhi/testing';
import { captureOutput } from './test-output-capture.js';
import { applyCommand } from './apply-command.js';
import { exportCommand } from './export-command.js';
import { importTransactionsCommand } from './import-command.js';

const checks = new URL('../../testdata/valid-checks.yaml', import.meta.url).pathname;
const token = 'gz_unused';

async function printed(command: () => Promise<unknown>): Promise<{ out: string; err: string }> {
  const captured = captureOutput();
  await command();
  vi.restoreAllMocks();
  return { out: captured.out(), err: captured.err() };
}

describe('a server that cannot be reached', () => {
  let closed: string;
  let expected: string;

  beforeAll(async () => {
    closed = `http://127.0.0.1:${await findFreePort()}/`;
    expected = `cannot reach the Ganzhi server at ${closed} (connection refused); set --server or GANZHI_SERVER`;
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('stops apply with the URL and the cause', async () => {
    const { err } = await printed(() => applyCommand({ file: checks, server: closed, token }));
    expect(err).toContain(expected);
    expect(process.exitCode).toBe(1);
  });

  it('turns apply --dry-run into the local checks, saying why the server-side ones were skipped', async () => {
    const { out, err } = await printed(() =>
      applyCommand({ file: checks, server: closed, token, dryRun: true }),
    );
    expect(err).toContain(`server-side checks skipped: ${expected}.`);
    expect(out).toContain('3 check(s), 0 dimension document(s), 0 indicator(s), 0 user(s) valid');
    expect(out).toContain('validated by local checks only');
    expect(process.exitCode).toBeUndefined();
  });

  it('stops export with the URL and the cause, writing nothing to standard output', async () => {
    const { out, err } = await printed(() => exportCommand({ server: closed, token, format: 'yaml' }));
    expect(err).toContain(expected);
    expect(out).toBe('');
    expect(process.exitCode).toBe(1);
  });

  it('stops import with the URL and the cause', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ganzhi-unreachable-')), 'records.csv');
    writeFileSync(
      file,
      'time,business,channel,region,latencyMs,outcome\n2026-12-01 10:00:00,payment,web_hall,changsha,100,ok\n',
    );
    const { err } = await printed(() =>
      importTransactionsCommand({
        file,
        server: closed,
        token,
        map: [],
        delimiter: ',',
        batchSize: 100,
        timeZone: 'Asia/Shanghai',
        okValues: ['ok'],
        latencyUnit: 'ms',
        maxAttempts: 1,
      }),
    );
    expect(err).toContain(`gave up after 1 attempts: ${expected}`);
    expect(process.exitCode).toBe(1);
  });
});
