import { describe, expect, it } from 'vitest';
import { checkInputSchema, checkSchema, type Check } from '@ganzhi/contracts';
import { newCheckValues, toCheckInput, toFormValues, type CheckFormValues } from './check-form-values';
import { newStepValues, type StepFormValues } from './step-forms';

function httpStep(patch: Partial<Extract<StepFormValues, { kind: 'http' }>>): StepFormValues {
  const step = newStepValues('http');
  if (step.kind !== 'http') throw new Error('expected an http step');
  return { ...step, ...patch };
}

/** The demo's web hall journey: log in, then query the balance and the bill with the extracted token. */
const loginFlow: CheckFormValues = {
  ...newCheckValues(),
  name: ' Web hall journey ',
  description: '  ',
  intervalSeconds: 10,
  tags: ['web-hall', ' '],
  channel: 'web_hall',
  variables: [{ name: 'phone', value: '13907310001' }, { name: ' ', value: 'ignored' }, {}],
  flowTimeoutMs: 30_000,
  steps: [
    httpStep({
      name: 'login',
      method: 'POST',
      url: ' http://127.0.0.1:8081/api/webhall/login ',
      bodyType: 'json',
      jsonText: '{ "phone": "{{phone}}", "password": "123456" }',
      extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
    }),
    httpStep({
      url: 'http://127.0.0.1:8081/api/webhall/balance?phone={{phone}}',
      headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
      assert: [{ subject: 'jsonPath', expression: '$.balanceYuan', comparison: 'exists', value: '' }],
    }),
  ],
};

describe('toCheckInput', () => {
  it('turns a flow into input the shared schema accepts', () => {
    const parsed = checkInputSchema.parse(toCheckInput(loginFlow));
    expect(parsed).toMatchObject({
      name: 'Web hall journey',
      description: undefined,
      tags: ['web-hall'],
      variables: { phone: '13907310001' },
      flowTimeoutMs: 30_000,
    });
    expect(parsed.steps[0]).toMatchObject({
      kind: 'http',
      method: 'POST',
      url: 'http://127.0.0.1:8081/api/webhall/login',
      json: { phone: '{{phone}}', password: '123456' },
      extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
    });
    expect(parsed.steps[1]).toMatchObject({
      headers: { Authorization: 'Bearer {{token}}' },
      assert: [{ subject: 'jsonPath', expression: '$.balanceYuan', comparison: 'exists' }],
    });
  });

  it('shows the locations of an existing check and saves the ones chosen', () => {
    const existing: Check = checkSchema.parse({
      ...checkInputSchema.parse({ ...toCheckInput(loginFlow), locations: ['local', 'jinan'] }),
      id: 'c1',
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    const values = toFormValues(existing);
    expect(values.locations).toEqual(['local', 'jinan']);
    expect(toCheckInput(values).locations).toEqual(['local', 'jinan']);
    expect(toCheckInput({ ...values, locations: ['changsha'] }).locations).toEqual(['changsha']);
  });

  it('gives an existing flow back unchanged when nothing was edited', () => {
    const input = checkInputSchema.parse(toCheckInput(loginFlow));
    const existing: Check = { ...input, id: 'c1', createdAt: 'x', updatedAt: 'x' };
    expect(checkInputSchema.parse(toCheckInput(toFormValues(existing)))).toEqual(input);
  });

  it('starts a new check with one HTTP step and the schema defaults', () => {
    const values = newCheckValues();
    expect(values.steps.map((step) => step.kind)).toEqual(['http']);
    const parsed = checkInputSchema.parse(
      toCheckInput({ ...values, name: 'x', steps: [httpStep({ url: 'https://example.com/' })] }),
    );
    expect(parsed).toMatchObject({
      intervalSeconds: 60,
      flowTimeoutMs: 120_000,
      variables: {},
      locations: ['local'],
    });
  });
});
