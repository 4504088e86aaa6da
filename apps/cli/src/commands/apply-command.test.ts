import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { PERMISSIONS } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { adminContext } from './test-admin-context.js';
import { applyCommand } from './apply-command.js';
import { exportCommand } from './export-command.js';

const testdata = new URL('../../testdata/', import.meta.url).pathname;

function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

describe('ganzhi apply', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const config = parseServerConfig(
      { GANZHI_ADMIN_PASSWORD: 'apply-test-pass', GANZHI_LOG_LEVEL: 'silent' },
      { port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ganzhi-apply-')) },
    );
    server = await startServer(config, { logger: createSilentLogger() });
    const created = await server.services.auth.createToken({
      ctx: await adminContext(server, 'apply-test-pass'),
      input: { name: 'apply-test', scopes: [...PERMISSIONS] },
    });
    token = created.token;
  });
  afterAll(async () => server.close());
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('reports every problem of every check at once and applies nothing', async () => {
    const { err } = captureOutput();
    await applyCommand({ file: join(testdata, 'invalid-checks.yaml'), server: server.url, token });
    vi.restoreAllMocks();
    const text = err.join('');
    expect(process.exitCode).toBe(1);
    expect(text).toContain('nothing applied');
    for (const path of [
      '#1.1: name',
      '#1.1: intervalSeconds',
      '#1.1: steps.0.url',
      '#1.1: steps.0.timeoutMs',
      '#1.2: steps',
    ]) {
      expect(text).toContain(path);
    }
    expect(await server.services.checks.listChecks()).toEqual([]);
  });

  it('creates checks from every document, then updates them by name', async () => {
    const first = captureOutput();
    await applyCommand({ file: testdata + 'valid-checks.yaml', server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBeUndefined();
    expect(first.out.join('')).toMatch(/created\s+网厅 余额查询/);
    const second = captureOutput();
    await applyCommand({ file: join(testdata, 'valid-checks.yaml'), server: server.url, token });
    vi.restoreAllMocks();
    expect(second.out.join('').match(/updated/g)).toHaveLength(3);
    expect((await server.services.checks.listChecks()).map((c) => c.name).sort()).toHaveLength(3);
  });

  it('exports checks as YAML that apply reads back unchanged', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ganzhi-export-')), 'checks.yaml');
    const exported = captureOutput();
    await exportCommand({ server: server.url, token, output: file, format: 'yaml' });
    vi.restoreAllMocks();
    expect(exported.out.join('')).toContain('3 check(s) written');
    const before = await server.services.checks.listChecks();
    const reapplied = captureOutput();
    await applyCommand({ file, server: server.url, token });
    vi.restoreAllMocks();
    expect(reapplied.out.join('').match(/updated/g)).toHaveLength(3);
    const after = await server.services.checks.listChecks();
    const strip = (checks: typeof before) => checks.map(({ updatedAt: _u, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it('refuses to apply without a token, naming how to get one', async () => {
    const { err } = captureOutput();
    await applyCommand({ file: join(testdata, 'valid-checks.yaml'), server: server.url });
    vi.restoreAllMocks();
    expect(err.join('')).toContain('--token');
    expect(process.exitCode).toBe(1);
  });

  it('applies the service model and indicators as code, checking them all before anything is sent', async () => {
    const example = new URL('../../../../docs/examples/quality-model.yaml', import.meta.url).pathname;
    const applied = captureOutput();
    await applyCommand({ file: example, server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBeUndefined();
    expect(applied.out.join('')).toContain(
      'applied  dimensions (1 channels, 1 businesses, 1 regions, 1 systems, 1 aliases)',
    );
    expect(applied.out.join('')).toContain('applied  indicator fast_share');
    const dimensions = await server.services.dimensions.listDimensions();
    expect(dimensions.channels.map((channel) => channel.code)).toContain('wechat_hall');
    expect(dimensions.regions.find((region) => region.code === 'liuyang')?.parentCode).toBe('changsha');
    expect(dimensions.aliases).toContainEqual({ kind: 'channel', alias: '微厅', code: 'wechat_hall' });
    expect(dimensions.businesses.find((business) => business.code === 'broadband_repair')).toMatchObject({
      type: 'transaction',
      slaMs: 3000,
    });
    expect(dimensions.systems.find((system) => system.code === 'order_center')?.plannedUtilisation).toBe(0.6);
    expect((await server.services.indicators.getIndicator('fast_share')).builtin).toBe(false);

    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-apply-model-'));
    const broken = join(dir, 'broken.yaml');
    writeFileSync(
      broken,
      'dimensions:\n  businesses:\n    - { code: Bad Code, nameZh: x, nameEn: x, type: query, slaMs: -1 }\n---\nindicators:\n  - { id: x }\n',
    );
    const refused = captureOutput();
    await applyCommand({ file: broken, server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBe(1);
    const text = refused.err.join('');
    expect(text).toContain('nothing applied');
    expect(text).toContain('broken.yaml#1: businesses.0.code');
    expect(text).toContain('broken.yaml#1: businesses.0.slaMs');
    expect(text).toContain('broken.yaml#2.1: formula');

    // Valid locally, refused by the server (a county under a city it does not know): the checks after it wait.
    const orphan = join(dir, 'orphan.yaml');
    writeFileSync(
      orphan,
      [
        'dimensions:',
        '  regions:',
        '    - { code: atlantis_east, parentCode: atlantis, level: county, nameZh: 东亚特兰蒂斯, nameEn: East Atlantis }',
        '---',
        'name: after the orphan',
        'steps:',
        '  - { kind: http, url: "http://127.0.0.1:9/" }',
        '',
      ].join('\n'),
    );
    const orphaned = captureOutput();
    await applyCommand({ file: orphan, server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBe(1);
    expect(orphaned.err.join('')).toContain('regions.0.parentCode: unknown region "atlantis"');
    expect(orphaned.err.join('')).toContain('orphan.yaml#1; the definitions after it were not applied');
    const names = (await server.services.checks.listChecks()).map((check) => check.name);
    expect(names).not.toContain('after the orphan');
    expect((await server.services.dimensions.listDimensions()).regions.map((r) => r.code)).not.toContain(
      'atlantis_east',
    );
  });

  it('applies users with role bindings and regions, and refuses a password in the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ganzhi-apply-users-'));
    const file = join(dir, 'users.yaml');
    writeFileSync(
      file,
      [
        'users:',
        '  - { username: cs.ops, displayName: 长沙运维, roles: [operator], regions: [changsha] }',
        '  - { username: hq.analyst, roles: [analyst] }',
        '',
      ].join('\n'),
    );
    const applied = captureOutput();
    await applyCommand({ file, server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBeUndefined();
    expect(applied.out.join('')).toContain('created  user cs.ops');
    const user = await server.services.auth.users.getUser({ id: 'cs.ops' });
    expect(user).toMatchObject({ roles: ['operator'], regions: ['changsha'], displayName: '长沙运维' });

    const again = captureOutput();
    await applyCommand({ file, server: server.url, token });
    vi.restoreAllMocks();
    expect(again.out.join('')).toContain('unchanged user cs.ops');

    const withPassword = join(dir, 'password.yaml');
    writeFileSync(
      withPassword,
      'users:\n  - { username: leaky, roles: [viewer], password: Secret-in-git-1 }\n',
    );
    const refused = captureOutput();
    await applyCommand({ file: withPassword, server: server.url, token });
    vi.restoreAllMocks();
    expect(process.exitCode).toBe(1);
    expect(refused.err.join('')).toContain('password.yaml#1.1');
    expect(refused.err.join('')).toContain('password');
  });
});
