import { describe, expect, it } from 'vitest';
import { SECRET_NAME_PATTERN, isSecretName, secretReference, normalizeSecretNameInput } from './secret-form';

describe('secret names', () => {
  it('accepts upper-case letters, digits and _ starting with a letter, up to 64 characters', () => {
    expect(isSecretName('CRM_PASSWORD')).toBe(true);
    expect(isSecretName('A')).toBe(true);
    expect(isSecretName(`A${'B'.repeat(63)}`)).toBe(true);
  });

  it('refuses what the server refuses', () => {
    for (const name of [
      '',
      'crm_password',
      '1PASSWORD',
      '_X',
      'CRM-PASSWORD',
      'CRM PASSWORD',
      `A${'B'.repeat(64)}`,
    ]) {
      expect(isSecretName(name)).toBe(false);
    }
  });

  it('keeps the form pattern in step with the shared schema', () => {
    for (const name of ['CRM_PASSWORD', 'crm', '9A', `A${'B'.repeat(64)}`, 'A_1']) {
      expect(SECRET_NAME_PATTERN.test(name)).toBe(isSecretName(name));
    }
  });

  it('turns what is typed into the upper-case form the server takes', () => {
    expect(normalizeSecretNameInput('crm-password')).toBe('CRM_PASSWORD');
    expect(normalizeSecretNameInput('sms gateway key')).toBe('SMS_GATEWAY_KEY');
    expect(isSecretName(normalizeSecretNameInput('crm_1'))).toBe(true);
  });

  it('writes the reference a check uses', () => {
    expect(secretReference('CRM_PASSWORD')).toBe('{{secrets.CRM_PASSWORD}}');
  });
});
