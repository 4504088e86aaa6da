import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInputSchema } from '@ganzhi/contracts';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { parseServerConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { systemContext } from './modules/auth/index.js';
import { startServer } from './server.js';

describe('ganzhi serve lifecycle', () => {
  let slowTarget: Server;
  let targetUrl: string;
  let requestSeen: () => void;
  const firstRequest = new Promise<void>((resolve) => (requestSeen = resolve));

  beforeAll(async () => {
    slowTarget = createServer((_request, response) => {
      requestSeen();
      setTimeout(() => response.end('slow but fine'), 400);
    });
    await new Promise<void>((resolve) => slowTarget.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(slowTarget.address() as AddressInfo).port}/`;
  });
  afterAll(async () => new Promise((resolve) => slowTarget.close(resolve)));

  it('finishes a run in flight and stores it before closing the database', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-serve-'));
    const config = parseServerConfig({ GANZHI_ADMIN_PASSWORD: 'lifecycle-pass' }, { port: 0, dataDir });
    const server = await startServer(config, { logger: createSilentLogger() });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const health = await fetch(new URL('healthz', server.url));
    expect(health.status).toBe(200);

    const input = checkInputSchema.parse({ name: 'slow', steps: [{ kind: 'http', url: targetUrl }] });
    const check = await server.services.checks.createCheck({
      ctx: systemContext({ clock: systemClock, logger: createSilentLogger() }),
      input,
    });
    await firstRequest; // the built-in agent started the new check at once
    await server.close(); // while the target is still answering

    const reopened = openDatabase({ dialect: 'sqlite', path: config.databasePath });
    const runs = await reopened.db
      .selectFrom('runs')
      .innerJoin('run_checks', 'run_checks.no', 'runs.check_no')
      .select('runs.ok')
      .where('run_checks.check_id', '=', check.id)
      .execute();
    const minutes = await reopened.db.selectFrom('rollups_minute').select('count').execute();
    const hours = await reopened.db.selectFrom('rollups_hour').select('count').execute();
    await reopened.close();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.ok).toBe(1);
    expect(minutes.map((m) => m.count)).toEqual([1]);
    expect(hours.map((h) => h.count)).toEqual([1]); // compacted on the way out
  });

  it('refuses to start when its data directory cannot be created', async () => {
    // The data directory would have to live below a regular file.
    const parent = mkdtempSync(join(tmpdir(), 'ganzhi-file-'));
    writeFileSync(join(parent, 'a-file'), 'not a directory');
    const config = parseServerConfig({}, { port: 0, dataDir: join(parent, 'a-file', 'below') });
    await expect(startServer(config, { logger: createSilentLogger() })).rejects.toThrow();
  });
});
