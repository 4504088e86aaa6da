import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import {
  actualText,
  assertionNameText,
  detailNameText,
  detailValueText,
  expectedText,
  runErrorText,
  stepErrorText,
} from './step-result-text';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const assertion = (name: string, expected: string, actual: string) => ({ name, expected, actual, ok: false });

describe('step facts', () => {
  it('names the facts probes record, in Chinese and English, and leaves unknown ones as written', () => {
    expect(detailNameText('firstContentfulPaintMs', zh)).toBe('首次内容绘制');
    expect(detailNameText('whiteScreen', en)).toBe('White screen');
    expect(detailNameText('someNewFact', zh)).toBe('someNewFact');
  });

  it('reads values: yes/no, durations, sizes, the system resolver; others as they are', () => {
    const context = { t: zh, locale: 'zh-CN' as const };
    expect(detailValueText('whiteScreen', true, context)).toBe('是');
    expect(detailValueText('pageLoadMs', 1530, context)).toBe('1.53 s');
    expect(detailValueText('bytes', 12345, context)).toBe('12,345 字节');
    expect(detailValueText('resolver', 'system', context)).toBe('系统默认');
    expect(detailValueText('status', 200, context)).toBe('200');
    expect(detailValueText('remoteAddress', null, context)).toBe('—');
  });
});

describe('assertions', () => {
  it('names a probe’s own checks and a flow rule’s subject apart from its expression', () => {
    expect(assertionNameText('body contains', zh)).toEqual({ label: '响应包含', code: '' });
    expect(assertionNameText('jsonPath $.data.code', zh)).toEqual({ label: 'JSONPath', code: '$.data.code' });
    expect(assertionNameText('header content-type', zh)).toEqual({ label: '响应头', code: 'content-type' });
    expect(assertionNameText('action 2 (click #login)', zh)).toEqual({
      label: '动作 2 点击',
      code: '#login',
    });
    expect(assertionNameText('something new', zh)).toEqual({ label: '', code: 'something new' });
  });

  it('says comparisons and outcomes in the user’s language, values as they were', () => {
    expect(expectedText(assertion('jsonPath $.n', 'greaterThan 3', '1'), zh)).toBe('大于 3');
    expect(expectedText(assertion('jsonPath $.n', 'notExists', '1'), zh)).toBe('不存在');
    expect(expectedText(assertion('days to expiry', '>= 30 days', '12 days'), zh)).toBe('≥ 30 天');
    expect(expectedText(assertion('status', '2xx', '500'), zh)).toBe('2xx');
    expect(actualText(assertion('days to expiry', '>= 30 days', '12 days'), zh)).toBe('12 天');
    expect(actualText(assertion('page shows content', 'visible content', 'white screen'), zh)).toBe('白屏');
    expect(actualText(assertion('jsonPath $.a', 'exists', '(absent)'), en)).toBe('(absent)');
    expect(actualText(assertion('body', 'equals x', 'x-ray'), zh)).toBe('x-ray');
  });
});

describe('stepErrorText', () => {
  it('tells a failed assertion from the step’s results', () => {
    const step = {
      errorClass: 'http_status' as const,
      errorMessage: 'status: expected 2xx, got 500',
      assertions: [assertion('status', '2xx', '500')],
    };
    expect(stepErrorText(step, zh)).toBe('断言未通过：状态码，期望 2xx，实际 500');
  });

  it('tells a secret the agent lacks and an undefined variable, as the probe words them', () => {
    const secret = {
      errorClass: 'config' as const,
      errorMessage:
        "secret {{secrets.CRM_PASSWORD}} in headers.authorization has no value on this agent: set GANZHI_SECRET_CRM_PASSWORD in the agent's environment",
      assertions: [],
    };
    expect(stepErrorText(secret, zh)).toBe(
      '密钥 {{secrets.CRM_PASSWORD}}（headers.authorization）在该代理上没有值：在代理的环境中设置 GANZHI_SECRET_CRM_PASSWORD，或保存同名密钥（保存的密钥只用于内置代理）',
    );
    const variable = {
      errorClass: 'config' as const,
      errorMessage: 'unknown variable {{token}} in url',
      assertions: [],
    };
    expect(stepErrorText(variable, zh)).toBe('未定义的变量 {{token}}（url）：没有任何定义或提取');
  });

  it('keeps other messages as written', () => {
    const dns = {
      errorClass: 'dns' as const,
      errorMessage: 'getaddrinfo ENOTFOUND hall.example',
      assertions: [],
    };
    expect(stepErrorText(dns, zh)).toBe('getaddrinfo ENOTFOUND hall.example');
    expect(stepErrorText({ errorClass: null, errorMessage: null, assertions: [] }, zh)).toBeNull();
  });
});

describe('runErrorText', () => {
  it('tells a run’s failure by its failed step, without the step prefix of the run’s own message', () => {
    const step = {
      index: 0,
      kind: 'http',
      name: 'GET /balance',
      ok: false,
      startedAt: '2026-12-03T06:00:00.000Z',
      timings: { dnsMs: null, connectMs: 1, tlsMs: null, firstByteMs: 30, downloadMs: 0, totalMs: 31 },
      errorClass: 'http_status' as const,
      errorMessage: 'status: expected 2xx, got 500',
      assertions: [assertion('status', '2xx', '500')],
      detail: {},
    };
    const run = {
      errorClass: 'http_status' as const,
      errorMessage: 'step 1 (GET /balance): status: expected 2xx, got 500',
      steps: [step],
    };
    expect(runErrorText(run, zh)).toBe('断言未通过：状态码，期望 2xx，实际 500');
    expect(runErrorText({ ...run, steps: [] }, zh)).toBe(run.errorMessage);
  });
});
