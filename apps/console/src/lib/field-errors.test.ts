import { describe, expect, it } from 'vitest';
import { placeFieldIssues } from './field-errors';
import { translate, type MessageKey, type MessageParams } from './i18n';

const t = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);

describe('placeFieldIssues', () => {
  it('puts each issue under the form field its path starts with', () => {
    const result = placeFieldIssues(
      [
        { path: 'password', message: 'at least 10 characters' },
        { path: 'password', message: 'too common' },
        { path: 'roles.1', message: 'unknown role "x"' },
      ],
      { fields: ['password', 'roles'], t },
    );
    expect(result.placed).toEqual([
      { name: 'password', errors: ['at least 10 characters', 'too common'] },
      { name: 'roles', errors: ['unknown role "x"'] },
    ]);
    expect(result.unplaced).toEqual([]);
  });

  it('returns issues of fields the form does not have apart', () => {
    const result = placeFieldIssues([{ path: 'totp', message: 'six digits' }], { fields: ['password'], t });
    expect(result.placed).toEqual([]);
    expect(result.unplaced).toEqual([{ path: 'totp', message: 'six digits' }]);
  });
});
