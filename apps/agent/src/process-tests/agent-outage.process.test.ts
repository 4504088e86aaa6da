import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { Check } from '@ganzhi/contracts';
import { describeFleet, eventually } from './fleet.js';

const OUTAGE_MS = 60_000;
const SPEEDUP = 60; // a 60 s interval runs every second: one real minute of outage is an hour of schedule

describeFleet('agent keeps working while the server is down (real processes)', (fleet) => {
  it('delivers every run of an hour-long outage afterwards, none missing and none twice', async () => {
    const f = fleet();
    await f.startServer();
    const checks: Check[] = [];
    for (let i = 0; i < 4; i++)
      checks.push(
        await f.createCheck({
          name: `Changsha outage ${i}`,
          intervalSeconds: 60,
          locations: ['changsha'],
          steps: [{ kind: 'tcp', host: '127.0.0.1', port: f.port, timeoutMs: 2000 }],
        }),
      );
    const agent = await f.startAgent({
      name: 'changsha-1',
      location: 'changsha',
      token: await f.enrolmentToken('changsha'),
      speedup: SPEEDUP,
    });
    await eventually('runs from every check before the outage', 30_000, () => {
      const seen = new Set(f.readServerRuns().map((run) => run.check_id));
      return checks.every((check) => seen.has(check.id)) ? true : undefined;
    });

    const outageStart = Date.now();
    await f.stopServer();
    await sleep(OUTAGE_MS);
    const outageEnd = Date.now();
    const buffered = f.readOutbox('changsha-1');
    expect(buffered.integrity).toBe('ok');
    expect(buffered.runIds.length).toBeGreaterThan(checks.length * 50);

    await f.startServer();
    await eventually('the backlog delivered and live runs flowing again', 60_000, () =>
      f.readServerRuns().some((run) => run.started_at > outageEnd + 3000) ? true : undefined,
    );
    await agent.stop(); // a clean stop flushes what is left
    expect(f.readOutbox('changsha-1').runIds).toEqual([]);

    const runs = f.readServerRuns();
    expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
    expect(runs.filter((run) => buffered.runIds.includes(run.id))).toHaveLength(buffered.runIds.length);
    for (const check of checks) {
      const own = runs.filter((run) => run.check_id === check.id).sort((a, b) => a.started_at - b.started_at);
      const starts = own.map((run) => run.started_at);
      // Continuous: nothing missing between the first and the last run, across the outage.
      const holes = starts.slice(1).filter((start, i) => start - (starts[i] ?? start) > 2500);
      expect(holes, `holes in ${check.name}`).toEqual([]);
      expect(starts[0]).toBeLessThan(outageStart);
      expect(starts.at(-1)).toBeGreaterThan(outageEnd);
      const duringOutage = starts.filter((start) => start >= outageStart && start < outageEnd);
      expect(duringOutage.length).toBeGreaterThanOrEqual(OUTAGE_MS / 1000 - 3);
    }
  }, 240_000);
});
