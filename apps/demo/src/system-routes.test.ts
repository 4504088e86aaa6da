import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import { DEFAULT_DEMO_FAULTS } from './demo-faults.js';

let demo: DemoBackend;

beforeAll(async () => {
  demo = await startDemoBackend({ random: () => 0.99 });
});

afterAll(async () => {
  await demo.close();
});

interface BossStatus {
  readonly status: string;
  readonly components: readonly { readonly name: string; readonly status: string }[];
}

async function bossStatus(): Promise<BossStatus> {
  return (await fetch(`${demo.url}api/boss/status`).then((r) => r.json())) as BossStatus;
}

describe('BOSS status', () => {
  it('reports every component up without faults', async () => {
    demo.setFaults(DEFAULT_DEMO_FAULTS);
    const status = await bossStatus();
    expect(status.status).toBe('up');
    expect(status.components.every((component) => component.status === 'up')).toBe(true);
  });

  it('reports the component behind a faulted route as degraded', async () => {
    demo.setFaults({ routes: { '/api/webhall/payment': { errorRatio: 0.2 } } });
    const status = await bossStatus();
    expect(status.status).toBe('degraded');
    expect(status.components.find((component) => component.name === 'payment')?.status).toBe('degraded');
    expect(status.components.find((component) => component.name === 'billing')?.status).toBe('up');
  });
});
