import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeFleet, eventually } from './fleet.js';

const KILLS = 20;

describeFleet('agent crash safety (real processes)', (fleet) => {
  it('loses no committed run when killed with -9 twenty times, and its store stays sound', async () => {
    const f = fleet();
    await f.startServer();
    for (let i = 0; i < 6; i++)
      await f.createCheck({
        name: `Loudi ${i}`,
        intervalSeconds: 60,
        locations: ['loudi'],
        steps: [{ kind: 'tcp', host: '127.0.0.1', port: f.port, timeoutMs: 2000 }],
      });
    const first = await f.startAgent({
      name: 'loudi-1',
      location: 'loudi',
      token: await f.enrolmentToken('loudi'),
      speedup: 60,
    });
    await eventually('the assignment saved by the agent', 20_000, () =>
      f.readOutbox('loudi-1').hasAssignment ? true : undefined,
    );
    await first.stop();
    await f.stopServer(); // from here on every run stays in the outbox

    const committed = new Set<string>();
    const lost: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const agent = await f.startAgent({ name: 'loudi-1', location: 'loudi', speedup: 60 });
      await sleep(600 + Math.floor(Math.random() * 1400));
      await agent.kill();
      const outbox = f.readOutbox('loudi-1');
      expect(outbox.integrity, `integrity after kill ${kill + 1}`).toBe('ok');
      const present = new Set(outbox.runIds);
      for (const id of committed) if (!present.has(id)) lost.push(id);
      for (const id of outbox.runIds) committed.add(id);
    }
    expect(lost).toEqual([]);
    expect(committed.size).toBeGreaterThan(KILLS * 3);

    await f.startServer();
    const agent = await f.startAgent({ name: 'loudi-1', location: 'loudi', speedup: 60 });
    await eventually('the buffer delivered', 60_000, () => {
      const stored = new Set(f.readServerRuns().map((run) => run.id));
      return [...committed].every((id) => stored.has(id)) ? true : undefined;
    });
    await agent.stop();
    const runs = f.readServerRuns();
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
  }, 240_000);
});
