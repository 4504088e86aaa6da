import { describe, expect, it } from 'vitest';
import { stepSchema, type StepKind } from '@ganzhi/contracts';
import { newStepValues, toStepFormValues, toStepInput } from './step-form-registry';

/** One fully specified step per kind: every field the editor shows has a non-default value. */
const FULL_STEPS: Readonly<Record<StepKind, unknown>> = {
  http: {
    kind: 'http',
    name: 'login',
    method: 'POST',
    url: 'https://hall.example.com/api/login?channel={{channel}}',
    headers: { 'X-Trace': '{{$uuid}}' },
    json: { phone: '{{phone}}', password: '{{secrets.HALL_PASSWORD}}', remember: true },
    auth: { type: 'basic', username: 'ops', password: 's3cret' },
    clientCertificate: { certPem: '{{secrets.CERT}}', keyPem: '{{secrets.KEY}}', passphrase: 'pp' },
    expectStatus: 201,
    bodyContains: 'token',
    maxLatencyMs: 3000,
    maxRedirects: 0,
    insecureTls: true,
    timeoutMs: 5000,
    extract: [{ variable: 'token', from: 'jsonPath', expression: '$.token', secret: true }],
    assert: [{ subject: 'jsonPath', expression: '$.code', comparison: 'equals', value: '0000' }],
  },
  tcp: {
    kind: 'tcp',
    name: 'sms gateway',
    host: '10.1.2.3',
    port: 2775,
    send: 'PING\r\n',
    expect: 'PONG',
    timeoutMs: 3000,
    extract: [{ variable: 'banner', from: 'regex', expression: '^(\\S+)', secret: false }],
    assert: [{ subject: 'latencyMs', expression: '', comparison: 'lessThan', value: '500' }],
  },
  dns: {
    kind: 'dns',
    name: 'portal name',
    query: 'www.10086.cn',
    recordType: 'CNAME',
    resolver: '114.114.114.114:53',
    expectAnswers: ['www.10086.cn.cdn.example.'],
    timeoutMs: 2000,
    extract: [],
    assert: [{ subject: 'body', expression: '', comparison: 'contains', value: 'cdn' }],
  },
  tls: {
    kind: 'tls',
    name: 'certificate',
    host: '203.0.113.10',
    port: 8443,
    servername: 'www.10086.cn',
    minDaysToExpiry: 30,
    requireTrustedChain: false,
    timeoutMs: 4000,
    extract: [],
    assert: [{ subject: 'latencyMs', expression: '', comparison: 'lessOrEqual', value: '800' }],
  },
  browser: {
    kind: 'browser',
    name: 'home page',
    timeoutMs: 20_000,
    actions: [
      { action: 'goto', url: 'https://hall.example.com/' },
      { action: 'fill', selector: '#phone', value: ' {{phone}} ' },
      { action: 'press', key: 'Enter' },
      { action: 'waitForSelector', selector: '#balance', state: 'attached' },
      { action: 'assertText', text: '余额' },
      { action: 'waitForNavigation' },
    ],
    viewport: { width: 390, height: 844 },
    screenshotOnSuccess: true,
    extract: [{ variable: 'balance', from: 'css', expression: '#balance', secret: false }],
    assert: [{ subject: 'element', expression: '#logout', comparison: 'exists' }],
  },
  wait: { kind: 'wait', name: 'settle', durationMs: 1500 },
};

const KINDS = Object.keys(FULL_STEPS) as StepKind[];

describe('step forms', () => {
  it.each(KINDS)('gives a %s step back unchanged after a round trip through the editor', (kind) => {
    const step = stepSchema.parse(FULL_STEPS[kind]);
    const input = toStepInput(toStepFormValues(step));
    expect(stepSchema.parse(input)).toEqual(step);
  });

  it.each(KINDS)('starts a new %s step with the schema defaults', (kind) => {
    const values = newStepValues(kind);
    expect(values.kind).toBe(kind);
    // Only what the user must type is missing, so the schema reports exactly those fields.
    const result = stepSchema.safeParse(toStepInput(values));
    const paths = result.success
      ? []
      : [...new Set(result.error.issues.map((issue) => issue.path.join('.')))];
    const required: Record<StepKind, string[]> = {
      http: ['url'],
      tcp: ['host', 'port'],
      dns: ['query'],
      tls: ['host'],
      browser: ['actions.0.url'],
      wait: [],
    };
    expect(paths).toEqual(required[kind]);
  });

  it('sends only the chosen body type and keeps the others in the form', () => {
    const values = toStepFormValues(stepSchema.parse(FULL_STEPS.http));
    if (values.kind !== 'http') throw new Error('expected an http step');
    const asRaw = toStepInput({ ...values, bodyType: 'raw', body: 'a=1' });
    expect(asRaw).toMatchObject({ body: 'a=1' });
    expect(asRaw).not.toHaveProperty('json');
    const asForm = toStepInput({
      ...values,
      bodyType: 'form',
      form: [{ name: 'a', value: '1' }, { name: ' ' }],
    });
    expect(asForm).toMatchObject({ form: { a: '1' } });
    expect(toStepInput({ ...values, method: 'GET' })).not.toHaveProperty('json');
  });

  it('sends no auth and no certificate when none is chosen or filled', () => {
    const values = toStepFormValues(stepSchema.parse(FULL_STEPS.http));
    if (values.kind !== 'http') throw new Error('expected an http step');
    const input = toStepInput({ ...values, auth: { type: 'none', username: 'kept' }, clientCertificate: {} });
    expect(input).toMatchObject({ auth: undefined, clientCertificate: undefined });
  });

  it('sends each browser action with only the fields its type takes', () => {
    const values = newStepValues('browser');
    if (values.kind !== 'browser') throw new Error('expected a browser step');
    const input = toStepInput({
      ...values,
      actions: [
        { action: 'click', url: 'left over from goto', selector: ' #go ' },
        { action: 'press', selector: '', key: 'Enter' },
        { action: 'waitForSelector', selector: '#x' },
      ],
    });
    expect(input).toMatchObject({
      actions: [
        { action: 'click', selector: '#go' },
        { action: 'press', key: 'Enter' },
        { action: 'waitForSelector', selector: '#x', state: 'visible' },
      ],
    });
  });

  it('keeps presence comparisons without a value and expressions only where the subject has one', () => {
    const values = newStepValues('http');
    if (values.kind !== 'http') throw new Error('expected an http step');
    const input = toStepInput({
      ...values,
      url: 'http://a.test/',
      assert: [
        { subject: 'jsonPath', expression: ' $.balanceYuan ', comparison: 'exists', value: 'ignored' },
        { subject: 'status', expression: 'ignored', comparison: 'equals', value: '200' },
      ],
    });
    expect(input).toMatchObject({
      assert: [
        { subject: 'jsonPath', expression: '$.balanceYuan', comparison: 'exists', value: undefined },
        { subject: 'status', expression: '', comparison: 'equals', value: '200' },
      ],
    });
  });
});
