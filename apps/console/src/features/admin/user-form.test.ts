import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n';
import { placeUserIssues, toUserCreate, toUserUpdate, userFormValuesOf } from './user-form';

const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('zh-CN', key, params);
const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('en', key, params);

describe('the user form and the server’s answer', () => {
  it('shows the password policy’s refusal under the password field, in the user’s language, by code', () => {
    const details = [
      {
        path: 'password',
        message: 'at least 10 characters',
        code: 'password_too_short',
        params: { minimum: 10 },
      },
      {
        path: 'password',
        message: 'must not be or contain the username',
        code: 'password_contains_username',
      },
    ];
    expect(placeUserIssues(details, zh).placed).toEqual([
      { name: 'password', errors: ['至少 10 个字符', '不能是用户名，也不能包含用户名'] },
    ]);
    const common = {
      path: 'password',
      message: 'too common: it is among the first guessed',
      code: 'password_too_common',
    };
    expect(placeUserIssues([common], en)).toEqual({
      placed: [{ name: 'password', errors: ['Too common: among the first passwords guessed'] }],
      unplaced: [],
    });
  });

  it('puts unknown roles and regions under their pickers, translated by code, else in the server’s words', () => {
    const { placed } = placeUserIssues(
      [
        { path: 'roles.0', message: 'unknown role "ghost"', code: 'unknown_role', params: { name: 'ghost' } },
        {
          path: 'regions.1',
          message: 'unknown region "atlantis"',
          code: 'unknown_reference',
          params: { kind: 'region', code: 'atlantis' },
        },
        { path: 'regions.2', message: 'a message from an older server' },
      ],
      zh,
    );
    expect(placed).toEqual([
      { name: 'roles', errors: ['未知角色“ghost”'] },
      { name: 'regions', errors: ['未知的地区“atlantis”', 'a message from an older server'] },
    ]);
  });
});

describe('user form values', () => {
  const user = {
    id: 'u1',
    username: 'cs.operator',
    displayName: '长沙运维',
    email: '',
    roles: ['operator'],
    regions: ['changsha'],
    disabled: false,
    totpEnabled: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    lastLoginAt: null,
  };

  it('creates with every field, trimmed, and an empty scope for the whole province', () => {
    const values = { ...userFormValuesOf(null), username: ' ops ', password: 'x', roles: ['viewer'] };
    expect(toUserCreate(values)).toEqual({
      username: 'ops',
      password: 'x',
      displayName: '',
      email: '',
      roles: ['viewer'],
      regions: [],
    });
  });

  it('edits without username or password', () => {
    expect(toUserUpdate(userFormValuesOf(user))).toEqual({
      displayName: '长沙运维',
      email: '',
      roles: ['operator'],
      regions: ['changsha'],
    });
  });
});
