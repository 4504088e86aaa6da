import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBackend, type DemoBackend } from './demo-backend.js';

let demo: DemoBackend;

beforeAll(async () => {
  demo = await startDemoBackend({ random: () => 0 });
});

afterAll(async () => {
  await demo.close();
});

interface SmsAnswer {
  readonly command?: string | null;
  readonly reply?: string;
}

async function sendSms(body: unknown): Promise<{ status: number; json: SmsAnswer }> {
  const response = await fetch(`${demo.url}api/smshall/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as SmsAnswer };
}

describe('SMS hall', () => {
  it('replies to CXYE with the balance', async () => {
    const { status, json } = await sendSms({ from: '13907310001', text: 'CXYE' });
    expect(status).toBe(200);
    expect(json).toEqual({
      command: 'CXYE',
      reply: '尊敬的客户，您好！您的账户余额为128.50元。【中国移动】',
    });
  });

  it('accepts commands in any case and with spaces', async () => {
    expect((await sendSms({ from: '13907310001', text: ' cxtc ' })).json.reply).toContain(
      '全球通 138 元套餐',
    );
  });

  it('replies to CXZD with the bill total', async () => {
    expect((await sendSms({ from: '13907330002', text: 'CXZD' })).json.reply).toMatch(/账单合计\d+\.\d{2}元/);
  });

  it('answers an unknown command with the help text', async () => {
    const { json } = await sendSms({ from: '13907310001', text: 'HELLO' });
    expect(json.command).toBe('HELP');
    expect(json.reply).toContain('CXYE');
  });

  it('tells a number outside the network that it cannot be served', async () => {
    expect((await sendSms({ from: '13800000000', text: 'CXYE' })).json.reply).toContain('不是本网用户');
  });

  it('rejects a command without a valid sender or text with 400', async () => {
    expect((await sendSms({ from: 'abc', text: 'CXYE' })).status).toBe(400);
    expect((await sendSms({ from: '13907310001' })).status).toBe(400);
  });
});
