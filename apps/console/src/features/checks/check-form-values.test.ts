import { describe, expect, it } from 'vitest';
import { checkInputSchema, type Check } from '@ganzhi/contracts';
import { NEW_CHECK_VALUES, toCheckInput, toFormValues, type CheckFormValues } from './check-form-values';

const filled: CheckFormValues = {
  ...NEW_CHECK_VALUES,
  name: ' Web hall balance ',
  description: '  ',
  intervalSeconds: 10,
  tags: ['web-hall', ' '],
  channel: 'web_hall',
  url: ' http://127.0.0.1:8081/api/webhall/balance?phone=13800000000 ',
  headers: [{ name: 'X-Trace', value: '1' }, { name: ' ', value: 'ignored' }, {}],
  body: 'ignored for GET',
  expectStatus: '200',
  bodyContains: 'balanceYuan',
  maxLatencyMs: 2000,
};

describe('toCheckInput', () => {
  it('turns the form into input the shared schema accepts', () => {
    const input = toCheckInput(filled);
    const parsed = checkInputSchema.parse(input);
    expect(parsed.name).toBe('Web hall balance');
    expect(parsed.description).toBeUndefined();
    expect(parsed.tags).toEqual(['web-hall']);
    expect(parsed.steps[0]).toMatchObject({
      url: 'http://127.0.0.1:8081/api/webhall/balance?phone=13800000000',
      headers: { 'X-Trace': '1' },
      expectStatus: 200,
      maxLatencyMs: 2000,
      body: undefined,
    });
  });

  it('keeps a status class as text and sends the body only for methods that have one', () => {
    const input = toCheckInput({ ...filled, method: 'POST', expectStatus: '2xx', body: '{"a":1}' });
    expect(input.steps[0]).toMatchObject({ expectStatus: '2xx', body: '{"a":1}' });
  });

  it('keeps locations and further steps of an existing check, which the form does not show', () => {
    const existing: Check = {
      ...checkInputSchema.parse({
        name: 'two steps',
        locations: ['local', 'jinan'],
        steps: [
          { kind: 'http', name: 'login', url: 'http://a.test/' },
          { kind: 'http', url: 'http://b.test/' },
        ],
      }),
      id: 'c1',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    };
    const input = toCheckInput({ ...toFormValues(existing), url: 'http://c.test/' }, existing);
    expect(input.locations).toEqual(['local', 'jinan']);
    expect(input.steps.map((step) => step.url)).toEqual(['http://c.test/', 'http://b.test/']);
    expect(input.steps[0]?.name).toBe('login');
  });
});
