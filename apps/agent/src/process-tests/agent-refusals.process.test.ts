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
});
