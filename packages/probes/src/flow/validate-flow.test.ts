import { describe, expect, it } from 'vitest';
import { stepSchema, type Step } from '@ganzhi/contracts';
import { isBalancedSelector, validateFlow } from './validate-flow.js';

const steps = (raw: unknown[]): Step[] => raw.map((step) => stepSchema.parse(step));

describe('validateFlow', () => {
  it('accepts variables defined up front, extracted earlier, built in, or secret', () => {
    const issues = validateFlow({
      variables: { phone: '138' },
      steps: steps([
        {
          kind: 'http',
          url: 'http://hall/login?p={{phone}}&t={{$timestamp}}',
          headers: { 'x-key': '{{secrets.API_KEY}}' },
          extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token' }],
        },
        { kind: 'http', url: 'http://hall/bill', auth: { type: 'bearer', token: '{{token}}' } },
      ]),
    });
    expect(issues).toEqual([]);
  });

  it('names every unknown variable with its exact field, including one used before it is extracted', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([
        { kind: 'http', url: 'http://hall/{{token}}' },
        {
          kind: 'http',
          url: 'http://hall/x',
          headers: { a: '{{typo}}' },
          extract: [{ variable: 'token', from: 'status' }],
        },
      ]),
    });
    expect(issues.map((i) => i.path)).toEqual(['steps.0.url', 'steps.1.headers.a']);
    expect(issues[0]?.message).toContain('unknown variable {{token}}');
  });

  it('rejects expressions that cannot work and sources a step kind cannot provide', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([
        {
          kind: 'http',
          url: 'http://hall/',
          extract: [
            { variable: 'a', from: 'jsonPath', expression: 'data.token' },
            { variable: 'b', from: 'regex', expression: '(unclosed' },
            { variable: 'c', from: 'css', expression: '#x' },
          ],
        },
        {
          kind: 'browser',
          actions: [{ action: 'goto', url: 'http://hall/' }],
          assert: [{ subject: 'element', expression: 'div[', comparison: 'exists' }],
        },
      ]),
    });
    expect(issues.map((i) => i.path)).toEqual([
      'steps.0.extract.0.expression',
      'steps.0.extract.1.expression',
      'steps.0.extract.2.expression',
      'steps.1.assert.0.expression',
    ]);
  });

  it('refuses step kinds the location cannot run', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([{ kind: 'browser', actions: [{ action: 'goto', url: 'http://hall/' }] }]),
      supportedKinds: new Set(['http', 'tcp', 'dns', 'tls', 'wait']),
    });
    expect(issues).toEqual([
      { path: 'steps.0.kind', message: '"browser" steps are not supported at this location' },
    ]);
  });

  it('checks selectors for balance', () => {
    expect(isBalancedSelector('form#login input[name="phone"]')).toBe(true);
    expect(isBalancedSelector('div:has(span')).toBe(false);
    expect(isBalancedSelector('  ')).toBe(false);
  });
});
