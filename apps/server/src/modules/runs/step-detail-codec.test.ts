import { describe, expect, it } from 'vitest';
import type { StepResult } from '@ganzhi/contracts';
import { runIdFromBytes, runIdToBytes } from './run-id-bytes.js';
import { decodeStepDetail, encodeStepDetail } from './step-detail-codec.js';

const RUN_START_MS = Date.UTC(2026, 10, 22, 2, 0, 0, 123);

function httpStep(overrides: Partial<StepResult> = {}): StepResult {
  return {
    index: 0,
    kind: 'http',
    name: 'home',
    ok: true,
    startedAt: new Date(RUN_START_MS + 1).toISOString(),
    timings: {
      dnsMs: null,
      connectMs: 12.345,
      tlsMs: null,
      firstByteMs: 123.456,
      downloadMs: 1.174,
      totalMs: 136.975,
    },
    errorClass: null,
    errorMessage: null,
    assertions: [{ name: 'status', ok: true, expected: '2xx', actual: '200' }],
    detail: {
      remoteAddress: '10.20.30.40',
      remotePort: 443,
      status: 200,
      httpVersion: '1.1',
      contentType: 'text/html; charset=utf-8',
      bytes: 18_734,
      bodyTruncated: false,
      redirects: 0,
      finalUrl: 'https://wt.example.cn/portal/home',
    },
    ...overrides,
  };
}

describe('step detail codec', () => {
  it('reads back a one-step HTTP run exactly, in about 60 % of the object form', () => {
    const steps = [httpStep()];
    const stored = encodeStepDetail(steps, RUN_START_MS);
    expect(decodeStepDetail(stored, RUN_START_MS)).toEqual(steps);
    expect(stored.length).toBeLessThan(0.65 * JSON.stringify(steps).length);
  });

  it('reads back a failed flow with variables, a null timing and a failed assertion', () => {
    const steps = [
      httpStep({ variables: { token: '***', orderId: '42' } }),
      httpStep({
        index: 1,
        name: 'pay',
        ok: false,
        startedAt: new Date(RUN_START_MS + 140).toISOString(),
        timings: {
          dnsMs: 1.5,
          connectMs: null,
          tlsMs: 20,
          firstByteMs: null,
          downloadMs: null,
          totalMs: 5000,
        },
        errorClass: 'timeout',
        errorMessage: 'no response within 5000 ms',
        assertions: [{ name: 'body contains', ok: false, expected: '成功', actual: '' }],
        detail: { status: null, phase: 'firstByte' },
      }),
    ];
    expect(decodeStepDetail(encodeStepDetail(steps, RUN_START_MS), RUN_START_MS)).toEqual(steps);
  });

  it('keeps a step start that a millisecond offset would not reproduce as it was written', () => {
    const steps = [
      httpStep({ startedAt: '2026-11-22T10:00:00.124+08:00' }),
      httpStep({ index: 1, startedAt: 'not a time' }),
    ];
    expect(decodeStepDetail(encodeStepDetail(steps, RUN_START_MS), RUN_START_MS)).toEqual(steps);
  });

  it('reads back a step that started before its run (an agent clock corrected after the fact)', () => {
    const steps = [httpStep({ startedAt: new Date(RUN_START_MS - 3_600_000).toISOString() })];
    expect(decodeStepDetail(encodeStepDetail(steps, RUN_START_MS), RUN_START_MS)).toEqual(steps);
  });

  it('refuses a format it does not know instead of misreading it', () => {
    expect(() => decodeStepDetail('[2,[]]', RUN_START_MS)).toThrow(/format 2/);
  });
});

describe('run id bytes', () => {
  it('stores a UUID in 16 bytes and reads it back', () => {
    const id = crypto.randomUUID();
    const bytes = runIdToBytes(id);
    expect(bytes).toHaveLength(16);
    expect(runIdFromBytes(bytes)).toBe(id);
  });

  it('reads back any other id as it was sent, including one of 16 bytes and an upper-case UUID', () => {
    for (const id of [
      'r-1',
      'exactly16bytes!!',
      '运行-0001',
      '0B6E9C1E-8F6A-4A43-9D51-3F0B3F5F3A2C',
      'x'.repeat(100),
    ])
      expect(runIdFromBytes(runIdToBytes(id))).toBe(id);
    expect(runIdToBytes('exactly16bytes!!')).toHaveLength(17);
  });
});
