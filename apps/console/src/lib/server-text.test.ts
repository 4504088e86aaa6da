import { ISSUE_CODES } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError, toApiError } from './api-error';
import { translate, type MessageKey, type MessageParams, type Translate } from './i18n';
import { describeError, describeIssue, textOfCode } from './server-text';

const zh: Translate = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en: Translate = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('describeIssue', () => {
  it('translates a field issue by its code and params', () => {
    const issue = { path: 'name', message: 'Too big: expected string to have <=100 characters' };
    expect(describeIssue({ ...issue, code: 'too_long', params: { maximum: 100 } }, zh)).toBe(
      '最多 100 个字符',
    );
    expect(describeIssue({ ...issue, code: 'too_long', params: { maximum: 100 } }, en)).toBe(
      'At most 100 characters',
    );
  });

  it('names what a code refers to in the reader’s language', () => {
    const issue = {
      path: 'steps.0.kind',
      message: '"browser" steps are not supported at this location',
      code: 'step_kind_unsupported',
      params: { kind: 'browser' },
    };
    expect(describeIssue(issue, zh)).toBe('该位置的代理不能运行“浏览器”步骤');
    const variable = { path: 'steps.1.url', message: 'unknown variable {{token}}: …' };
    expect(describeIssue({ ...variable, code: 'unknown_variable', params: { name: 'token' } }, zh)).toBe(
      '未定义的变量 {{token}}：请在“变量”中定义，或在之前的步骤中提取',
    );
  });

  it('keeps the server’s message for an issue without a code or with a code it does not know', () => {
    const message = 'use only one of body, form and json';
    expect(describeIssue({ path: 'steps.0.body', message }, zh)).toBe(message);
    expect(describeIssue({ path: 'steps.0.body', message, code: 'added_later', params: {} }, zh)).toBe(
      message,
    );
  });

  it('keeps the server’s message when the params lack a value the text needs', () => {
    const issue = { path: 'locations.0', message: 'unknown location "mars"', code: 'unknown_location' };
    expect(describeIssue(issue, zh)).toBe('unknown location "mars"');
    expect(describeIssue({ ...issue, params: { code: 'mars' } }, zh)).toContain('未知位置“mars”');
  });

  it('has a text in both languages for every code the server may send', () => {
    for (const code of ISSUE_CODES) {
      const params = { minimum: 1, maximum: 2, name: 'x', code: 'x', kind: 'http', source: 'header' };
      const all = { ...params, detail: 'd', expected: 'number', values: 'a, b', format: 'email', keys: 'k' };
      const more = { ...all, region: 'r', scope: 's', permission: 'p' };
      expect([code, textOfCode(code, more, zh)]).not.toEqual([code, null]);
      expect([code, textOfCode(code, more, en)]).not.toEqual([code, null]);
    }
  });
});

describe('describeError', () => {
  it('translates a refusal by its reason and params, keeping the English message on the error', () => {
    const error = toApiError(403, {
      error: {
        code: 'FORBIDDEN',
        message: 'a check in region zhuzhou is outside your scope (changsha)',
        requestId: 'r1',
        reason: 'region_out_of_scope',
        params: { region: 'zhuzhou', scope: 'changsha' },
      },
    });
    expect(describeError(error, zh)).toBe('地区 zhuzhou 不在你的权限范围（changsha）内');
    expect(describeError(error, en)).toBe('Region zhuzhou is outside your scope (changsha)');
    expect(error.message).toBe('a check in region zhuzhou is outside your scope (changsha)');
  });

  it('says the first field issue and how many more there are', () => {
    const error = toApiError(400, {
      error: {
        code: 'VALIDATION_FAILED',
        message: 'invalid body',
        requestId: 'r2',
        details: [
          { path: 'name', message: 'Invalid input', code: 'required' },
          { path: 'intervalSeconds', message: 'Too small', code: 'too_small', params: { minimum: '10' } },
        ],
      },
    });
    expect(describeError(error, zh)).toBe('请填写此项（另有 1 个问题）');
  });

  it('falls back to the server’s message, or a text of the class when the message is generic', () => {
    const conflict = new ApiError({
      status: 409,
      code: 'CONFLICT',
      message: 'role x is still granted to 2 users',
    });
    expect(describeError(conflict, zh)).toBe('role x is still granted to 2 users');
    const down = new ApiError({ status: 0, code: 'NETWORK', message: 'Failed to fetch' });
    expect(describeError(down, zh)).toBe('无法连接服务器，请检查网络后重试');
    expect(describeError(new Error('boom'), zh)).toBe('boom');
  });
});
