import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkInputSchema, type Check, type Run } from '@ganzhi/contracts';
import { FakeClock } from '@ganzhi/testing';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { systemContext } from '../auth/index.js';
import { artifactHeaders } from './artifact-headers.js';

const NOW = Date.UTC(2026, 10, 22, 2, 0);

it('serves only allow-listed types as themselves, images inline and everything else as an attachment', () => {
  expect(artifactHeaders({ id: 'a', contentType: 'image/png' })).toMatchObject({
    'content-type': 'image/png',
    'content-disposition': 'inline; filename="a.png"',
  });
  expect(artifactHeaders({ id: 'a', contentType: 'Application/JSON; charset=utf-8' })).toMatchObject({
    'content-type': 'application/json',
    'content-disposition': 'attachment; filename="a.json"',
  });
  for (const type of ['text/html', 'image/svg+xml', 'text/xml', 'application/javascript', ''])
    expect(artifactHeaders({ id: '../x"y', contentType: type })).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': 'attachment; filename=".._x_y.bin"',
    });
});

describeEachDialect('artifact downloads', (dialect) => {
  let harness: TestApp;
  let check: Check;

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock: new FakeClock(NOW) });
    check = await harness.services.checks.createCheck({
      ctx: systemContext({ clock: systemClock, logger: createSilentLogger() }),
      input: checkInputSchema.parse({ name: 'Home', steps: [{ kind: 'wait', durationMs: 10 }] }),
    });
  });
  afterAll(() => harness.close());

  it('answers an artifact stored as text/html with a script as a sandboxed octet-stream attachment', async () => {
    const run: Run = {
      id: crypto.randomUUID(),
      checkId: check.id,
      agentId: 'built-in',
      location: 'local',
      startedAt: new Date(NOW - 60_000).toISOString(),
      durationMs: 120,
      ok: false,
      errorClass: 'http_status',
      errorMessage: 'status 500',
      steps: [],
      artifacts: [],
    };
    await harness.services.runs.recordRun({
      run,
      check,
      artifactContents: [
        {
          id: 'scene',
          stepIndex: 0,
          kind: 'response',
          contentType: 'text/html',
          content: Buffer.from('<script>fetch("/api/v1/tokens",{method:"POST"})</script>'),
        },
      ],
    });
    const response = await harness.app.inject({
      method: 'GET',
      url: `/api/v1/runs/${run.id}/artifacts/scene`,
      headers: harness.sessionHeaders,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.headers['content-disposition']).toBe('attachment; filename="scene.bin"');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.body).toContain('<script>');
  });
});
