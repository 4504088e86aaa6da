import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { describeEachDialect } from '../../db/each-dialect.js';
import { openTestApp, type TestApp } from '../../test-app.js';
import { AGENT_TIMING } from './agent-repository.js';
import { createAgentService, type AgentService } from './agent-service.js';

const MINUTE_MS = 60_000;

describeEachDialect('agent down detector across a server restart', (dialect) => {
  let harness: TestApp;
  const clock = new FakeClock(Date.UTC(2026, 11, 3, 2, 0));

  beforeAll(async () => {
    harness = await openTestApp({ dialect, clock });
  });

  afterAll(() => harness.close());

  async function enrol(location: string): Promise<{ agentId: string; credential: string }> {
    const issued = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agents/enrolment-tokens',
      headers: harness.sessionHeaders,
      payload: { location },
    });
    const enrolled = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/enrol',
      headers: { authorization: `Bearer ${issued.json<{ token: string }>().token}` },
      payload: { name: `${location}-agent`, location, version: '0.1.0', hostname: 'probe-host' },
    });
    return enrolled.json();
  }

  async function heartbeat(credential: string, location: string): Promise<void> {
    const response = await harness.app.inject({
      method: 'POST',
      url: '/api/v1/agent/heartbeat',
      headers: { authorization: `Bearer ${credential}` },
      payload: {
        version: '0.1.0',
        location,
        hostname: 'probe-host',
        backlog: 0,
        oldestUnsentAt: null,
        clockOffsetMs: 0,
        browserAvailable: false,
        supportedKinds: ['http'],
      },
    });
    expect(response.statusCode).toBe(200);
  }

  /** The agent service of a server (re)started now, on the same database, as `ganzhi serve` builds it. */
  function restartedAgents(): AgentService {
    const { services } = harness;
    return createAgentService({
      db: services.db,
      clock,
      logger: createSilentLogger(),
      checks: services.checks,
      runs: services.runs,
      events: services.events,
      clockSkewThresholdMs: 2000,
    });
  }

  /** The agent's down and recovered events, newest first. */
  async function eventKinds(agentId: string): Promise<string[]> {
    const events = await harness.services.events.list({ limit: 20, subject: `agent:${agentId}` });
    return events.map((event) => event.kind).filter((kind) => kind !== 'agent_enrolled');
  }

  it('raises nothing for an agent that stayed up while the server was down and reports within the grace', async () => {
    const { agentId, credential } = await enrol('changde');
    await heartbeat(credential, 'changde');
    await harness.services.agents.monitor();
    // The server is down for ten minutes; the agent keeps probing and buffering, unable to report.
    await clock.advance(10 * MINUTE_MS);
    const agents = restartedAgents();
    await agents.monitor();
    await clock.advance(AGENT_TIMING.heartbeatMs);
    await heartbeat(credential, 'changde');
    for (let t = 0; t < 3 * AGENT_TIMING.downAfterMs; t += 5000) {
      await agents.monitor();
      await clock.advance(5000);
      if (t % AGENT_TIMING.heartbeatMs === 0) await heartbeat(credential, 'changde');
    }
    expect(await eventKinds(agentId)).not.toContain('agent_down');
    expect(await eventKinds(agentId)).not.toContain('agent_recovered');
    const listed = (await agents.listAgents()).find((agent) => agent.id === agentId);
    expect(listed?.health).toBe('healthy');
  });

  it('raises agent_down once for an agent that does not come back within the grace after the restart', async () => {
    const { agentId, credential } = await enrol('yiyang');
    await heartbeat(credential, 'yiyang');
    await clock.advance(10 * MINUTE_MS);
    const agents = restartedAgents();
    await agents.monitor();
    // Within the grace it is not down (stale once past the live window), measured from the server's start.
    await clock.advance(AGENT_TIMING.downAfterMs - 5000);
    await agents.monitor();
    expect(await eventKinds(agentId)).not.toContain('agent_down');
    expect((await agents.listAgents()).find((agent) => agent.id === agentId)?.health).toBe('stale');
    await clock.advance(10_000);
    await agents.monitor();
    await clock.advance(60_000);
    await agents.monitor();
    const kinds = await eventKinds(agentId);
    expect(kinds.filter((kind) => kind === 'agent_down')).toHaveLength(1);
    expect(kinds).not.toContain('agent_recovered');
  });

  it('keeps an agent declared down before the restart down until it reports again', async () => {
    const { agentId, credential } = await enrol('loudi');
    await heartbeat(credential, 'loudi');
    await clock.advance(AGENT_TIMING.downAfterMs + 1000);
    await harness.services.agents.monitor();
    expect(await eventKinds(agentId)).toEqual(['agent_down']);
    await clock.advance(10 * MINUTE_MS);
    const agents = restartedAgents();
    await agents.monitor();
    expect(await eventKinds(agentId)).toEqual(['agent_down']);
    await heartbeat(credential, 'loudi');
    await agents.monitor();
    expect((await eventKinds(agentId))[0]).toBe('agent_recovered');
  });
});
