// `ganzhi apply --dry-run` against a real server, and the server's refusals named at their file and document.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseServerConfig, startServer, type RunningServer } from '@ganzhi/server';
import { PERMISSIONS } from '@ganzhi/contracts';
import { createSilentLogger } from '@ganzhi/runtime';
import { findFreePort } from '@ganzhi/testing';
import { adminContext } from './test-admin-context.js';
import { captureOutput } from './test-output-capture.js';
import { applyCommand } from './apply-command.js';

const dir = mkdtempSync(join(tmpdir(), 'ganzhi-dry-run-'));

function writeDefinitions(name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** A typo in a variable, and a browser step for the built-in agent, which has no Chromium on the test server. */
const flawed = writeDefinitions('web-hall.yaml', [
  'checks:',
  '  - name: balance after login',
  '    steps:',
  '      - { kind: http, url: "http://127.0.0.1:9/login" }',
  '      - { kind: http, url: "http://127.0.0.1:9/balance?session={{sesion}}" }',
  '---',
  'name: web hall home in a browser',
  'locations: [local]',
  'steps:',
  '  - kind: browser',
  '    actions: [{ action: goto, url: "http://127.0.0.1:9/" }]',
]);
const UNKNOWN_VARIABLE = `${flawed}#1.1: steps.1.url: unknown variable {{sesion}}`;
const NO_BROWSER = `${flawed}#2.1: steps.0.kind: "browser" steps are not supported at this location`;

async function run(options: Parameters<typeof applyCommand>[0]) {
  const captured = captureOutput();
  await applyCommand(options);
  vi.restoreAllMocks();
  return { out: captured.out(), err: captured.err(), exitCode: process.exitCode };
}

describe('ganzhi apply --dry-run', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const config = parseServerConfig(
      {
        GANZHI_ADMIN_PASSWORD: 'dry-run-test-pass',
        GANZHI_LOG_LEVEL: 'silent',
        // The built-in agent (location `local`) must lack a browser whatever this machine has installed.
        GANZHI_CHROMIUM_PATH: '/nonexistent/chromium',
      },
      { port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ganzhi-dry-run-server-')) },
    );
    server = await startServer(config, { logger: createSilentLogger() });
    const created = await server.services.auth.createToken({
      ctx: await adminContext(server, 'dry-run-test-pass'),
      input: { name: 'dry-run-test', scopes: [...PERMISSIONS] },
    });
    token = created.token;
  });
  afterAll(async () => server.close());
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('reports what the server would refuse at file#document: an unknown variable, a step kind the location cannot run', async () => {
    const result = await run({ file: flawed, server: server.url, token, dryRun: true });
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('2 problem(s); nothing applied (dry run):');
    expect(result.err).toContain(`  ${UNKNOWN_VARIABLE}`);
    expect(result.err).toContain(`  ${NO_BROWSER}`);
    expect(result.err).not.toContain('skipped');
    expect(await server.services.checks.listChecks()).toEqual([]);
  });

  it('names the same fields the same way when a real apply is refused', async () => {
    const result = await run({ file: flawed, server: server.url, token });
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('server refused (400): the checks have problems; nothing was applied');
    expect(result.err).toContain(`  ${UNKNOWN_VARIABLE}`);
    expect(result.err).toContain(`  ${NO_BROWSER}`);
    expect(await server.services.checks.listChecks()).toEqual([]);
  });

  it('reports schema problems and the server’s together, and applies nothing', async () => {
    const mixed = writeDefinitions('mixed.yaml', [
      'name: no steps',
      'steps: []',
      '---',
      'name: in atlantis',
      'locations: [atlantis]',
      'steps: [{ kind: http, url: "http://127.0.0.1:9/" }]',
    ]);
    const result = await run({ file: mixed, server: server.url, token, dryRun: true });
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain(`${mixed}#1.1: steps: a check needs at least one step`);
    expect(result.err).toContain(`${mixed}#2.1: locations.0: unknown location "atlantis"`);
  });

  it('says what a valid apply would do, counts on dimensions defined in the same files, and saves nothing', async () => {
    const file = writeDefinitions('new-channel.yaml', [
      'dimensions:',
      '  channels:',
      '    - { code: wechat_hall, nameZh: 微厅, nameEn: WeChat hall }',
      '---',
      'name: wechat hall balance',
      'channel: wechat_hall',
      'steps: [{ kind: http, url: "http://127.0.0.1:9/" }]',
    ]);
    const result = await run({ file, server: server.url, token, dryRun: true });
    expect(result.err).toContain('dimensions, indicators and users were checked against their schema only');
    expect(result.exitCode).toBeUndefined();
    expect(result.out).toContain(
      '1 check(s), 1 dimension document(s), 0 indicator(s), 0 user(s) valid (dry run, validated by the server; nothing applied)',
    );
    expect(await server.services.checks.listChecks()).toEqual([]);
    const channels = (await server.services.dimensions.listDimensions()).channels;
    expect(channels.map((channel) => channel.code)).not.toContain('wechat_hall');

    const plain = writeDefinitions('plain.yaml', [
      'name: home page',
      'steps: [{ kind: http, url: "http://127.0.0.1:9/" }]',
    ]);
    expect((await run({ file: plain, server: server.url, token, dryRun: true })).out).toMatch(
      /would create\s+home page/,
    );
  });

  it('without a reachable server, checks the flows locally and says what was skipped and why', async () => {
    const closed = `http://127.0.0.1:${await findFreePort()}/`;
    const result = await run({ file: flawed, server: closed, token, dryRun: true });
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain(
      `server-side checks skipped: cannot reach the Ganzhi server at ${closed} (connection refused); set --server or GANZHI_SERVER.`,
    );
    expect(result.err).toContain('the step kinds those locations can run');
    expect(result.err).toContain(`  ${UNKNOWN_VARIABLE}`);
    expect(result.err).not.toContain(NO_BROWSER);

    const noToken = await run({ file: flawed, server: server.url, dryRun: true });
    expect(noToken.err).toContain('server-side checks skipped: an API token is needed');
  });

  it('refuses a dry run to a token that could not apply either', async () => {
    const readOnly = await server.services.auth.createToken({
      ctx: await adminContext(server, 'dry-run-test-pass'),
      input: { name: 'read-only', scopes: ['checks:read'] },
    });
    const file = join(dir, 'plain.yaml');
    const result = await run({ file, server: server.url, token: readOnly.token, dryRun: true });
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('server refused the dry run (403)');
  });
});
