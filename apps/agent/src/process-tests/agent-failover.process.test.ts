import { expect, it } from 'vitest';
import type { Agent, Check } from '@ganzhi/contracts';
import { describeFleet, eventually } from './fleet.js';

describeFleet('agents at one location share and take over checks (real processes)', (fleet) => {
  it("runs a killed agent's checks on the surviving agent within 60 s", async () => {
    const f = fleet();
    await f.startServer();
    const checks: Check[] = [];
    for (let i = 0; i < 6; i++)
      checks.push(
        await f.createCheck({
          name: `Hengyang ${i}`,
          intervalSeconds: 10,
          locations: ['hengyang'],
          steps: [{ kind: 'http', url: `${f.url}healthz` }],
        }),
      );
    const a = await f.startAgent({
      name: 'hengyang-a',
      location: 'hengyang',
      token: await f.enrolmentToken('hengyang'),
    });
    await f.startAgent({
      name: 'hengyang-b',
      location: 'hengyang',
      token: await f.enrolmentToken('hengyang'),
    });
    const agents = (await f.api<{ items: Agent[] }>('GET', 'agents')).items;
    const idOf = (name: string) => agents.find((agent) => agent.name === name)?.id ?? '';
    const [idA, idB] = [idOf('hengyang-a'), idOf('hengyang-b')];

    const checksOfA = await eventually('both agents running their shares', 60_000, () => {
      const runs = f.readServerRuns();
      const ranOn = new Map(runs.map((run) => [run.check_id, run.agent_id]));
      if (!checks.every((check) => ranOn.has(check.id))) return undefined;
      const ofA = checks.filter((check) => ranOn.get(check.id) === idA).map((check) => check.id);
      return ofA.length > 0 && ofA.length < checks.length ? ofA : undefined;
    });

    await a.kill();
    const killedAt = Date.now();
    const takenOver = await eventually("a's checks running on b", 90_000, () => {
      const firstOnB = new Map<string, number>();
      for (const run of f.readServerRuns())
        if (run.agent_id === idB && run.started_at > killedAt && !firstOnB.has(run.check_id))
          firstOnB.set(run.check_id, run.started_at);
      return checksOfA.every((id) => firstOnB.has(id)) ? firstOnB : undefined;
    });
    const slowest = Math.max(...checksOfA.map((id) => (takenOver.get(id) ?? Infinity) - killedAt));
    console.info(
      `failover: all ${checksOfA.length} checks of the killed agent ran on the survivor after ${(slowest / 1000).toFixed(1)} s`,
    );
    expect(slowest).toBeLessThan(60_000);
    const listed = (await f.api<{ items: Agent[] }>('GET', 'agents')).items;
    expect(listed.find((agent) => agent.id === idB)?.checksAssigned).toBe(checks.length);
  }, 240_000);
});
