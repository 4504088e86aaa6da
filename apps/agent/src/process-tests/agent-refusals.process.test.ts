import { expect, it } from 'vitest';
import type { Agent } from '@ganzhi/contracts';
import { describeFleet, eventually } from './fleet.js';

describeFleet('what an agent cannot do, it says (real processes)', (fleet) => {
  it('reports a browser check as unsupported without Chromium, and keeps its buffer once revoked', async () => {
    const f = fleet();
    await f.startServer();
    const browser = await f.createCheck({
      name: 'Zhangjiajie web hall in a browser',
      intervalSeconds: 60,
      locations: ['zhangjiajie'],
      steps: [{ kind: 'browser', actions: [{ action: 'goto', url: `${f.url}healthz` }] }],
    });
    await f.createCheck({
      name: 'Zhangjiajie health',
      intervalSeconds: 60,
      locations: ['zhangjiajie'],
      steps: [{ kind: 'tcp', host: '127.0.0.1', port: f.port }],
    });
    const agent = await f.startAgent({
      name: 'zjj-1',
      location: 'zhangjiajie',
      token: await f.enrolmentToken('zhangjiajie'),
      speedup: 60,
      env: { GANZHI_CHROMIUM_PATH: '/nonexistent/chromium', GANZHI_AGENT_HEARTBEAT_MS: '500' },
    });
    const listed = await eventually('the unsupported check reported', 20_000, async () => {
      const agents = (await f.api<{ items: Agent[] }>('GET', 'agents')).items;
      const me = agents.find((one) => one.name === 'zjj-1');
      return me && me.unsupported.length > 0 ? me : undefined;
    });
    expect(listed.browserAvailable).toBe(false);
    expect(listed.unsupported).toEqual([
      expect.objectContaining({
        checkId: browser.id,
        checkName: browser.name,
        reason: expect.stringContaining('browser'),
      }),
    ]);
    expect(f.readServerRuns().filter((run) => run.check_id === browser.id)).toEqual([]);

    await f.api('POST', `agents/${listed.id}/revoke`);
    const storedAtRevocation = f.readServerRuns().length;
    const buffered = await eventually('runs buffered after revocation', 20_000, () => {
      const ids = f.readOutbox('zjj-1').runIds;
      return ids.length >= 5 ? ids : undefined;
    });
    expect(agent.child.exitCode).toBeNull();
    expect(f.readServerRuns().length).toBeLessThanOrEqual(storedAtRevocation + 1);
    expect(f.readServerRuns().map((run) => run.id)).not.toContain(buffered.at(-1));
    await agent.stop();
    expect(f.readOutbox('zjj-1').runIds.length).toBeGreaterThanOrEqual(buffered.length);
  }, 120_000);

  it('stores a batch posted ten times over a real socket exactly once', async () => {
    const f = fleet();
    // A region's code: checks may only name locations that exist, and a city's code always does.
    const check = await f.createCheck({
      name: 'Replayed uploads',
      enabled: false,
      locations: ['huaihua'],
      steps: [{ kind: 'tcp', host: '127.0.0.1', port: f.port }],
    });
    const token = await f.enrolmentToken('huaihua');
    const enrolled = await fetch(new URL('api/v1/agent/enrol', f.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'replayer', location: 'huaihua', version: 'test' }),
    });
    const { credential } = (await enrolled.json()) as { credential: string };
    const start = Date.now() - 3_600_000;
    const runs = Array.from({ length: 50 }, (_, i) => ({
      id: crypto.randomUUID(),
      checkId: check.id,
      agentId: 'replayer',
      location: 'huaihua',
      startedAt: new Date(start + i * 60_000).toISOString(),
      durationMs: 80 + i,
      ok: i % 10 !== 0,
      errorClass: i % 10 === 0 ? 'connect_refused' : null,
      errorMessage: i % 10 === 0 ? 'step 1: connection refused' : null,
      steps: [],
      artifacts: [],
      clockOffsetMs: 3,
    }));
    const stored: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const response = await fetch(new URL('api/v1/agent/runs', f.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify({ runs, gaps: [] }),
      });
      expect(response.status).toBe(200);
      stored.push(((await response.json()) as { stored: number }).stored);
    }
    expect(stored).toEqual([50, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(f.readServerRuns().filter((run) => run.check_id === check.id)).toHaveLength(50);
  }, 60_000);
});
