import { describe, expect, it } from 'vitest';
import { httpStepSchema } from '@ganzhi/contracts';
import type { HttpStepInput } from '@ganzhi/contracts';
import { checkHttpAssertions, isExpectedStatus } from './check-http-assertions.js';

const stepWith = (input: Partial<HttpStepInput>) =>
  httpStepSchema.parse({ kind: 'http', url: 'http://example.test/', ...input });

describe('checkHttpAssertions', () => {
  it('matches a status class by its first digit', () => {
    expect(isExpectedStatus('2xx', 200)).toBe(true);
    expect(isExpectedStatus('2xx', 299)).toBe(true);
    expect(isExpectedStatus('2xx', 302)).toBe(false);
    expect(isExpectedStatus('5xx', 503)).toBe(true);
  });

  it('matches an exact status only exactly', () => {
    expect(isExpectedStatus(204, 204)).toBe(true);
    expect(isExpectedStatus(204, 200)).toBe(false);
  });

  it('passes with only the status assertion when the step asks for nothing else', () => {
    const outcome = checkHttpAssertions(stepWith({}), { status: 200, bodySample: '', totalMs: 5 });
    expect(outcome).toEqual({
      assertions: [{ name: 'status', ok: true, expected: '2xx', actual: '200' }],
      errorClass: null,
      errorMessage: null,
    });
  });

  it('reports every assertion but takes the error class from the first failure', () => {
    const step = stepWith({ expectStatus: 200, bodyContains: 'welcome', maxLatencyMs: 100 });
    const outcome = checkHttpAssertions(step, { status: 200, bodySample: 'maintenance', totalMs: 250.5 });
    expect(outcome.assertions.map((assertion) => [assertion.name, assertion.ok])).toEqual([
      ['status', true],
      ['body contains', false],
      ['latency', false],
    ]);
    expect(outcome.errorClass).toBe('assertion');
    expect(outcome.errorMessage).toBe('body contains: expected welcome, got not found');
  });

  it('classes a wrong status as http_status even when a body assertion also fails', () => {
    const step = stepWith({ bodyContains: 'welcome' });
    const outcome = checkHttpAssertions(step, { status: 502, bodySample: 'bad gateway', totalMs: 3 });
    expect(outcome).toMatchObject({
      errorClass: 'http_status',
      errorMessage: 'status: expected 2xx, got 502',
    });
  });

  it('accepts a latency equal to the limit', () => {
    const outcome = checkHttpAssertions(stepWith({ maxLatencyMs: 100 }), {
      status: 200,
      bodySample: '',
      totalMs: 100,
    });
    expect(outcome.errorClass).toBeNull();
  });
});
