/// <reference types="vite/client" />
import { checkInputSchema } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
// The golden file `ganzhi export` is held to (apps/cli export-command.test.ts): one step of every kind.
import exported from '../../../../../packages/contracts/testdata/check-export.yaml?raw';
import { translate } from '../../lib/i18n';
import { newCheckValues, toCheckInput, type CheckFormValues } from './check-form-values';
import { checkYamlOf, describeYamlIssue, readCheckYamlValues } from './check-yaml-text';
import { newStepValues, type StepFormValues } from './step-forms';

const en = translate.bind(null, 'en');
const zh = translate.bind(null, 'zh-CN');

function step<K extends StepFormValues['kind']>(
  kind: K,
  patch: Partial<Extract<StepFormValues, { kind: K }>>,
) {
  return { ...newStepValues(kind), ...patch } as StepFormValues;
}

/** The golden check as a user fills the form: every step kind, extractions, assertions and variables. */
const filled: CheckFormValues = {
  ...newCheckValues(),
  name: '网厅 全链路 / Web hall journey',
  description: 'One step of every kind, with extractions, assertions and variables',
  intervalSeconds: 300,
  tags: ['web-hall', 'golden'],
  business: 'balance_query',
  channel: 'web_hall',
  region: 'changsha',
  locations: ['changsha', 'yueyang'],
  variables: [
    { name: 'phone', value: '13907310001' },
    { name: 'month', value: '202501' },
  ],
  steps: [
    step('http', {
      name: 'login',
      method: 'POST',
      url: 'http://127.0.0.1:8081/api/webhall/login',
      headers: [{ name: 'X-Channel', value: 'web' }],
      bodyType: 'json',
      jsonText: '{ "phone": "{{phone}}", "password": "123456" }',
      expectStatus: '200',
      maxLatencyMs: 2000,
      extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
      assert: [
        { subject: 'status', expression: '', comparison: 'equals', value: '200' },
        { subject: 'jsonPath', expression: '$.code', comparison: 'equals', value: '0000' },
      ],
    }),
    step('tcp', {
      name: 'ivr gateway',
      host: '127.0.0.1',
      port: 7001,
      send: 'PING {{phone}}\r\n',
      expect: 'PONG',
      timeoutMs: 5000,
      extract: [{ variable: 'banner', from: 'regex', expression: '^(\\S+)', secret: false }],
      assert: [{ subject: 'body', expression: '', comparison: 'contains', value: 'READY' }],
    }),
    step('dns', {
      query: 'www.hn.10086.cn',
      resolver: '114.114.114.114',
      expectAnswers: ['10.0.0.1'],
      assert: [{ subject: 'latencyMs', expression: '', comparison: 'lessThan', value: '500' }],
    }),
    step('tls', { host: 'www.hn.10086.cn', minDaysToExpiry: 30 }),
    step('wait', { name: 'settle', durationMs: 1000 }),
    step('browser', {
      name: 'balance page',
      actions: [
        { action: 'goto', url: 'http://127.0.0.1:8081/webhall/balance?phone={{phone}}' },
        { action: 'fill', selector: '#token', value: '{{token}}' },
        { action: 'click', selector: 'button[type=submit]' },
        { action: 'waitForSelector', selector: '#balance', state: 'visible' },
      ],
      extract: [{ variable: 'balance', from: 'css', expression: '#balance', secret: false }],
      assert: [{ subject: 'text', expression: '#balance', comparison: 'matches', value: '^\\d+' }],
    }),
  ],
};

function readValues(text: string): CheckFormValues {
  const reading = readCheckYamlValues(text, 'en');
  if (!reading.ok) throw new Error(JSON.stringify(reading.issues));
  return reading.values;
}

function readIssues(text: string) {
  const reading = readCheckYamlValues(text, 'en');
  if (reading.ok) throw new Error('expected the YAML to be refused');
  return reading.issues;
}

describe('checkYamlOf', () => {
  it('writes the form of every step kind exactly as ganzhi export writes the saved check', () => {
    expect(checkYamlOf(filled)).toBe(exported);
  });

  it('reads its text back into values that define the same check', () => {
    const back = readValues(checkYamlOf(filled));
    const definition = (values: CheckFormValues) => checkInputSchema.parse(toCheckInput(values));
    expect(definition(back)).toEqual(definition(filled));
    expect(back.locations).toEqual(['changsha', 'yueyang']);
    expect(back.variables).toEqual(filled.variables);
    expect(back.steps.map((item) => item.kind)).toEqual(['http', 'tcp', 'dns', 'tls', 'wait', 'browser']);
    const [login] = back.steps;
    expect(login?.kind === 'http' && login.assert).toEqual([
      { subject: 'status', expression: '', comparison: 'equals', value: '200' },
      { subject: 'jsonPath', expression: '$.code', comparison: 'equals', value: '0000' },
    ]);
  });

  it('gives an exported check back unchanged after a trip through the form', () => {
    expect(checkYamlOf(readValues(exported))).toBe(exported);
  });

  it('keeps numbers, booleans and fields the form has no input for', () => {
    const text = exported
      .replace('value: "200"', 'value: 200')
      .replace('value: READY', 'value: true')
      .replace('allowInsecureRedirects: false', 'allowInsecureRedirects: true');
    expect(checkYamlOf(readValues(text))).toBe(text);
  });

  it('writes a check the schema still refuses as the form holds it, so YAML can finish it', () => {
    const text = checkYamlOf(newCheckValues());
    expect(text).toContain('  - name: ""\n');
    expect(text).toContain('    locations:\n      - local\n');
    // An empty URL breaks two rules (required, absolute http URL): two problems on one line.
    const placed = new Set(readIssues(text).map(({ path, line }) => `${path}@${line}`));
    const urlLine = text.split('\n').findIndex((line) => line.includes('url: ""')) + 1;
    expect([...placed]).toEqual(['name@3', `steps.0.url@${urlLine}`]);
  });
});

describe('readCheckYamlValues', () => {
  it('names the line and field path of every problem in the edited text', () => {
    const lines = exported.split('\n');
    const lineOf = (needle: string) => lines.findIndex((line) => line.includes(needle)) + 1;
    const edited = exported
      .replace('intervalSeconds: 300', 'intervalSeconds: 5')
      .replace('      - yueyang', '      - Yue Yang')
      .replace('port: 7001', 'port: 70000')
      .replace('comparison: lessThan', 'comparison: below');
    expect(readIssues(edited).map(({ kind, path, line }) => ({ kind, path, line }))).toEqual([
      { kind: 'schema', path: 'intervalSeconds', line: lineOf('intervalSeconds') },
      { kind: 'schema', path: 'locations.1', line: lineOf('- yueyang') },
      { kind: 'schema', path: 'steps.1.port', line: lineOf('port: 7001') },
      { kind: 'schema', path: 'steps.2.assert.0.comparison', line: lineOf('comparison: lessThan') },
    ]);
  });

  it('reports text that is not YAML on its line, in both languages', () => {
    const broken = exported.replace('    enabled: true', '    enabled: [true');
    const [issue] = readIssues(broken);
    expect(issue).toMatchObject({ kind: 'syntax', path: '' });
    expect(issue?.line).toBeGreaterThanOrEqual(5);
    if (!issue) return;
    expect(describeYamlIssue(issue, en)).toMatch(/^Not valid YAML: /);
    expect(describeYamlIssue(issue, zh)).toMatch(/^YAML 语法错误：/);
  });

  it('refuses a text holding two checks, saying how many in the user language', () => {
    const two = `${exported}  - name: second\n    steps:\n      - kind: wait\n        durationMs: 10\n`;
    const [issue] = readIssues(two);
    expect(issue).toMatchObject({ kind: 'count', line: exported.split('\n').length });
    if (!issue) return;
    expect(describeYamlIssue(issue, zh)).toBe('YAML 视图只编辑一个检查，这段文本中有 2 个');
  });
});
