import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';
import { IVR_MENU, type IvrNode } from './ivr-menu.js';

let demo: DemoBackend;

beforeAll(async () => {
  demo = await startDemoBackend({ random: () => 0 });
});

afterAll(async () => {
  await demo.close();
});

interface KeyPressAnswer {
  readonly sessionId: string;
  readonly isRetry: boolean;
  readonly node: IvrNode;
}

function pressKey(body: unknown): Promise<Response> {
  return fetch(`${demo.url}api/ivr/input`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function press(body: unknown): Promise<KeyPressAnswer> {
  return (await (await pressKey(body)).json()) as KeyPressAnswer;
}

describe('IVR', () => {
  it('serves the root menu with its four choices by default', async () => {
    const root = (await fetch(`${demo.url}api/ivr/menu`).then((r) => r.json())) as IvrNode;
    expect(root.id).toBe('root');
    expect(root.options.map((option) => `${option.digit} ${option.label}`)).toEqual([
      '1 话费查询',
      '2 缴费',
      '3 业务办理',
      '0 人工服务',
    ]);
  });

  it('walks root → 话费查询 → 余额查询 in one session and back with *', async () => {
    const first = await press({ node: 'root', digit: '1' });
    expect(first).toMatchObject({ isRetry: false, node: { id: 'billing' } });
    const { sessionId } = first;
    const second = await press({ sessionId, node: 'billing', digit: '1' });
    expect(second).toMatchObject({ sessionId, node: { id: 'balance' } });
    const back = await press({ sessionId, node: 'balance', digit: '*' });
    expect(back.node.id).toBe('billing');
  });

  it('replays the same menu after a wrong key', async () => {
    const retry = await press({ node: 'root', digit: '9' });
    expect(retry).toMatchObject({ isRetry: true, node: { id: 'root' } });
    expect(retry.node.prompt).toMatch(/^您的输入有误/);
  });

  it('answers 404 for an unknown node and 400 for a key that is not DTMF', async () => {
    expect((await fetch(`${demo.url}api/ivr/menu?node=nowhere`)).status).toBe(404);
    expect((await pressKey({ node: 'root', digit: '12' })).status).toBe(400);
  });

  it('titles every menu as the option leading to it is labelled', () => {
    const mismatches = [...IVR_MENU.values()].flatMap((node) =>
      node.options
        .filter((option) => option.digit !== '*' && IVR_MENU.get(option.next)?.title !== option.label)
        .map((option) => `${node.id} ${option.digit} → ${option.next}`),
    );
    expect(mismatches).toEqual([]);
  });

  it('links every option to a node that exists', () => {
    const targets = [...IVR_MENU.values()].flatMap((node) => node.options.map((option) => option.next));
    expect(targets.filter((target) => !IVR_MENU.has(target))).toEqual([]);
  });
});
