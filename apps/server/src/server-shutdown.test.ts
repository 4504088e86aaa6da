import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInputSchema } from '@ganzhi/contracts';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { parseServerConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { systemContext } from './modules/auth/index.js';
import { startServer } from './server.js';

const GRACE_MS = 300;
const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });

describe('ganzhi serve shutdown', () => {
  let hangingTarget: Server;
  let targetUrl: string;
  let requestSeen: () => void;
  const firstRequest = new Promise<void>((resolve) => (requestSeen = resolve));

  beforeAll(async () => {
    // Answers nothing until the test ends: a target far slower than any shutdown may wait for.
    hangingTarget = createServer(() => requestSeen());
    await new Promise<void>((resolve) => hangingTarget.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(hangingTarget.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    hangingTarget.closeAllConnections();
    await new Promise((resolve) => hangingTarget.close(resolve));
  });

  it('closes within its grace plus a second, storing the run in flight as interrupted and counting it nowhere', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-shutdown-'));
    const config = parseServerConfig({ GANZHI_ADMIN_PASSWORD: 'shutdown-pass' }, { port: 0, dataDir });
    const options = { logger: createSilentLogger(), shutdownGraceMs: GRACE_MS };
    const server = await startServer(config, options);
    const input = checkInputSchema.parse({
      name: 'hanging',
      steps: [{ kind: 'http', url: targetUrl, timeoutMs: 60_000 }],
    });
    const check = await server.services.checks.createCheck({ ctx, input });
    await firstRequest;
    // A client that connected and never sent a request: Node does not count it as idle when closing.
    const { port } = new URL(server.url);
    const silent: Socket = connect(Number(port), '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));

    const startedMs = performance.now();
    await server.close();
    expect(performance.now() - startedMs).toBeLessThan(GRACE_MS + 1000);
    silent.destroy();

    const reopened = openDatabase({ dialect: 'sqlite', path: config.databasePath });
    const minutes = await reopened.db.selectFrom('rollups_minute').select('count').execute();
    await reopened.close();
    expect(minutes).toEqual([]);

    const restarted = await startServer(config, options);
    try {
      const runs = await restarted.services.runs.listRuns({ checkId: check.id, limit: 10 });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ ok: false, errorClass: 'interrupted', location: 'local' });
      // Not a failure of the target: the check has no measured run yet, so it is pending, not down.
      const summary = await restarted.services.checks.getCheckSummary({ ctx, id: check.id });
      expect(summary).toMatchObject({ status: 'pending', runs24h: 0, successRatio24h: null });
    } finally {
      await restarted.close();
    }
  });
});
