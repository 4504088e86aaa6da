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

  it('refuses regular expressions the linear-time engine cannot run, naming the construct on the field', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([
        {
          kind: 'http',
          url: 'http://hall/',
          extract: [
            { variable: 'a', from: 'regex', expression: '(\\w)\\1' },
            { variable: 'b', from: 'regex', expression: '(?<=token=)\\w+' },
            { variable: 'c', from: 'regex', expression: 'token=(?<token>\\w+)' },
          ],
          assert: [{ subject: 'body', comparison: 'matches', value: '\\d+(?!元)' }],
        },
      ]),
    });
    expect(issues).toEqual([
      {
        path: 'steps.0.extract.0.expression',
        code: 'regex_unsupported',
        params: { detail: expect.stringMatching(/^a backreference/) as unknown },
        message: expect.stringMatching(/^a backreference \(\\1\) is not supported: .*linear-time/) as unknown,
      },
      {
        path: 'steps.0.extract.1.expression',
        code: 'regex_unsupported',
        params: { detail: expect.stringMatching(/^lookbehind/) as unknown },
        message: expect.stringMatching(/^lookbehind \(\?<=…\) is not supported/) as unknown,
      },
      {
        path: 'steps.0.assert.0.value',
        code: 'regex_unsupported',
        params: { detail: expect.stringMatching(/^lookahead/) as unknown },
        message: expect.stringMatching(/^lookahead \(\?!…\) is not supported/) as unknown,
      },
    ]);
  });

  it('refuses JSONPath filter and script expressions, which runs cannot evaluate', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([
        {
          kind: 'http',
          url: 'http://hall/',
          extract: [
            { variable: 'cheap', from: 'jsonPath', expression: '$..[?(@.price<10)]' },
            { variable: 'first', from: 'jsonPath', expression: '$.items[0].name' },
          ],
          assert: [{ subject: 'jsonPath', expression: '$.items[(@.length-1)]', comparison: 'exists' }],
        },
      ]),
    });
    expect(issues.map((issue) => issue.path)).toEqual([
      'steps.0.extract.0.expression',
      'steps.0.assert.0.expression',
    ]);
    expect(issues[0]?.message).toContain(
      'filter and script expressions such as [?(@.price<10)] are not supported',
    );
  });

  it('refuses invalid JSONPath in assertions and extractions of every step kind that has a body', () => {
    const invalid = ['$..[', '$.a[', '$[?(', '', 'foo'];
    const rules = {
      extract: invalid.map((expression, index) => ({ variable: `v${index}`, from: 'jsonPath', expression })),
      assert: invalid.map((expression) => ({ subject: 'jsonPath', expression, comparison: 'exists' })),
    };
    const issues = validateFlow({
      variables: {},
      steps: steps([
        { kind: 'http', url: 'http://hall/', ...rules },
        { kind: 'tcp', host: 'sms-gw', port: 7890, ...rules },
        { kind: 'dns', query: 'hall.example', ...rules },
        { kind: 'browser', actions: [{ action: 'goto', url: 'http://hall/' }], ...rules },
      ]),
    });
    const messages = [
      'invalid JSONPath: "[" at character 4 is not closed',
      'invalid JSONPath: "[" at character 4 is not closed',
      'filter and script expressions such as [?(…)] are not supported: checks evaluate JSONPath without running code',
      'a JSONPath starts with "$", e.g. $.data.token',
      'a JSONPath starts with "$", e.g. $.foo',
    ];
    const expected = [0, 1, 2, 3].flatMap((step) =>
      ['extract', 'assert'].flatMap((rule) =>
        messages.map((message, index) => ({
          path: `steps.${step}.${rule}.${index}.expression`,
          code: 'invalid_json_path',
          params: { detail: message },
          message,
        })),
      ),
    );
    expect(issues).toEqual(expected);
  });

  it('accepts valid JSONPath', () => {
    const expressions = ['$.a.b', '$..id', '$.items[0].name', '$.items[*]', '$'];
    const issues = validateFlow({
      variables: {},
      steps: steps([
        {
          kind: 'http',
          url: 'http://hall/',
          extract: expressions.map((expression, index) => ({
            variable: `v${index}`,
            from: 'jsonPath',
            expression,
          })),
          assert: expressions.map((expression) => ({
            subject: 'jsonPath',
            expression,
            comparison: 'exists',
          })),
        },
      ]),
    });
    expect(issues).toEqual([]);
  });

  it('lets a variable use secrets, built-ins and the variables before it, and names one that uses anything else', () => {
    const issues = validateFlow({
      variables: {
        key: '{{secrets.API_KEY}}',
        header: 'Bearer {{key}} at {{$timestamp}}',
        early: '{{late}}',
        late: 'x',
      },
      steps: steps([{ kind: 'http', url: 'http://hall/', headers: { authorization: '{{header}}' } }]),
    });
    expect(issues).toEqual([
      {
        path: 'variables.early',
        code: 'unknown_variable',
        params: { name: 'late' },
        message:
          'unknown variable {{late}}: a variable may use built-ins, secrets and the variables before it',
      },
    ]);
  });

  it('refuses step kinds the location cannot run', () => {
    const issues = validateFlow({
      variables: {},
      steps: steps([{ kind: 'browser', actions: [{ action: 'goto', url: 'http://hall/' }] }]),
      supportedKinds: new Set(['http', 'tcp', 'dns', 'tls', 'wait']),
    });
    expect(issues).toEqual([
      {
        path: 'steps.0.kind',
        code: 'step_kind_unsupported',
        params: { kind: 'browser' },
        message: '"browser" steps are not supported at this location',
      },
    ]);
  });

  it('checks selectors for balance', () => {
    expect(isBalancedSelector('form#login input[name="phone"]')).toBe(true);
    expect(isBalancedSelector('div:has(span')).toBe(false);
    expect(isBalancedSelector('  ')).toBe(false);
  });
});
