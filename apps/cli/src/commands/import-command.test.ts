import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TransactionSeries } from '@ganzhi/contracts';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { PERMISSIONS } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { adminContext } from './test-admin-context.js';
import { importTransactionsCommand, type ImportOptions, type ImportSummary } from './import-command.js';

const dir = mkdtempSync(join(tmpdir(), 'ganzhi-import-'));

/** A local time in Changsha, as a business-hall export writes it, `minutesAgo` before now. */
function localTime(minutesAgo: number): string {
  const local = new Date(Date.now() - minutesAgo * 60_000 + 8 * 3_600_000);
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

/** 40 good rows, a bad latency, an unknown channel, a missing time, a latency over a day and a broken quote line. */
function writeExport(): string {
  const lines = ['交易时间,业务,渠道,地市,耗时ms,结果,营业员'];
  for (let i = 0; i < 40; i += 1)
    lines.push(
      `${localTime(10 + (i % 5))},缴费,实体厅,长沙,${800 + i * 10},${i < 4 ? 'E1023' : '成功'},C${i % 3}`,
    );
  lines.push(`${localTime(11)},缴费,实体厅,长沙,fast,成功,C1`);
  lines.push(`${localTime(11)},缴费,火星厅,长沙,900,成功,C1`);
  lines.push(`,缴费,实体厅,长沙,900,成功,C1`);
  lines.push(`${localTime(11)},缴费,实体厅,长沙,90000000,成功,C2`);
  lines.push(`${localTime(11)},"缴费,实体厅,长沙,900,成功,C1`);
  const file = join(dir, 'hall-export.csv');
  writeFileSync(file, `\uFEFF${lines.join('\n')}\n`);
  return file;
}

describe('ganzhi import transactions', () => {
  let server: RunningServer;
  let token: string;
  let options: ImportOptions;

  beforeAll(async () => {
    const config = parseServerConfig(
      { GANZHI_ADMIN_PASSWORD: 'import-test-pass', GANZHI_LOG_LEVEL: 'silent' },
      { port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ganzhi-import-server-')) },
    );
    server = await startServer(config, { logger: createSilentLogger() });
    token = (
      await server.services.auth.createToken({
        ctx: await adminContext(server, 'import-test-pass'),
        input: { name: 'import-test', scopes: [...PERMISSIONS] },
      })
    ).token;
    options = {
      file: writeExport(),
      server: server.url,
      token,
      map: [
        'time=交易时间',
        'business=业务',
        'channel=渠道',
        'region=地市',
        'latencyMs=耗时ms',
        'outcome=结果',
        'clerkId=营业员',
      ],
      delimiter: ',',
      batchSize: 16,
      timeZone: 'Asia/Shanghai',
      okValues: ['成功'],
      latencyUnit: 'ms',
      rejects: join(dir, 'rejects.csv'),
    };
  });
  afterAll(async () => server.close());
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  /** Payments in the business hall in Changsha over the last hour, from the API the console reads. */
  const readSeries = async (): Promise<TransactionSeries> => {
    const params = new URLSearchParams({
      from: new Date(Date.now() - 3_600_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
      channel: 'hall',
      business: 'payment',
      region: 'changsha',
    });
    const response = await fetch(new URL(`api/v1/transactions/series?${params.toString()}`, server.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as TransactionSeries;
  };

  const quietly = async (run: () => Promise<unknown>) => {
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const result = await run();
    vi.restoreAllMocks();
    return { result, err: err.join('') };
  };

  it('keeps the good rows, reports each bad one with its line and reason, and exits 2', async () => {
    const { result, err } = await quietly(() => importTransactionsCommand(options));
    expect(process.exitCode).toBe(2);
    expect(result).toMatchObject({ rows: 45, accepted: 40, duplicates: 0 });
    expect(err).toContain('line 42: latency "fast" is not a number ≥ 0');
    expect(err).toContain('line 43: channel: unknown channel "火星厅"');
    expect(err).toContain('line 44: time is empty');
    expect(err).toMatch(/line 45: latencyMs: .*86400000/);
    expect(err).toContain('line 46: not a CSV row: a quote opened on this line is never closed');
    const rejects = readFileSync(join(dir, 'rejects.csv'), 'utf8').trim().split('\n');
    expect(rejects).toHaveLength(6);
    expect(rejects[0]).toBe('line,reason,交易时间,业务,渠道,地市,耗时ms,结果,营业员');
    expect(rejects[1]).toMatch(
      /^42,"latency ""fast"" is not a number ≥ 0",\d{4}-\d\d-\d\d [\d:]{8},缴费,实体厅,长沙,fast,成功,C1$/,
    );
    expect(rejects[2]).toMatch(/^43,".*火星厅.*",.*,缴费,火星厅,长沙,900,成功,C1$/);
    expect(rejects[5]).toMatch(/^46,not a CSV row: .*,,,,,,,$/);

    // The accepted rows are in the rollups: 40 payments in the business hall in Changsha, 4 of them failed.
    const series = await readSeries();
    expect(series.totals).toMatchObject({ count: 40, failures: 4 });
    expect(series.totals.p50Ms).toBeGreaterThan(800);
    expect(series.totals.p50Ms).toBeLessThan(1200);
  });

  it('counts a re-import of the same file as already imported, never twice', async () => {
    const { result } = await quietly(() => importTransactionsCommand(options));
    expect(process.exitCode).toBe(2);
    expect(result).toMatchObject({ rows: 45, accepted: 0, duplicates: 40 });
    expect((await readSeries()).totals.count).toBe(40);
  });

  it('checks every row without sending anything in a dry run', async () => {
    const { result, err } = await quietly(() =>
      importTransactionsCommand({ ...options, token: undefined, dryRun: true, rejects: undefined }),
    );
    expect(process.exitCode).toBe(2);
    // The unknown channel passes locally: only the server knows the names and aliases.
    expect(result).toMatchObject({ rows: 45, accepted: 41, duplicates: 0 });
    expect((result as ImportSummary).rejected.map((rejection) => rejection.line)).toEqual([42, 44, 45, 46]);
    expect(err).toContain('line 44: time is empty');
    expect((await readSeries()).totals.count).toBe(40);
  });

  it('stops with exit code 1 on a refused token, naming the server answer', async () => {
    const { result, err } = await quietly(() => importTransactionsCommand({ ...options, token: 'gz_wrong' }));
    expect(result).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(err).toContain('server refused the batch (401)');
    expect(err).toContain('before stopping: 0 accepted');
  });

  it('stops with exit code 1 when the file cannot be read', async () => {
    const { result, err } = await quietly(() =>
      importTransactionsCommand({ ...options, file: join(dir, 'missing.csv') }),
    );
    expect(result).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(err).toContain(`cannot read ${join(dir, 'missing.csv')}`);
  });

  it('stops with exit code 1 and the header when a mapped column does not exist', async () => {
    const { result, err } = await quietly(() =>
      importTransactionsCommand({ ...options, map: ['time=时间'] }),
    );
    expect(result).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(err).toContain(
      'no column "时间" in the header (columns: 交易时间, 业务, 渠道, 地市, 耗时ms, 结果, 营业员)',
    );
  });

  it('gives up with exit code 1 when the server cannot be reached, after retrying', async () => {
    const { result, err } = await quietly(() =>
      importTransactionsCommand({ ...options, server: 'http://127.0.0.1:9/', maxAttempts: 2 }),
    );
    expect(result).toBeUndefined();
    expect(process.exitCode).toBe(1);
    expect(err).toContain('retrying a batch (attempt 2)');
    expect(err).toContain('gave up after 2 attempts');
  });
});
