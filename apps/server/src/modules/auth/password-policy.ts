import type { FieldIssue } from '@ganzhi/runtime';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * Passwords of 10+ characters that lead every published leak list, and the product's own name in its usual forms:
 * long enough to pass the length rule, guessed first by anyone trying.
 */
const COMMON_PASSWORDS = new Set([
  '1234567890',
  '0123456789',
  '12345678910',
  '123456789a',
  'a123456789',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'q1w2e3r4t5',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'p@ssw0rd123',
  'p@ssword123',
  'iloveyou12',
  'abcdefghij',
  'abc1234567',
  'abcd123456',
  '1111111111',
  '0000000000',
  '2222222222',
  '8888888888',
  '6666666666',
  '9876543210',
  '123123123123',
  '1234512345',
  'aaaaaaaaaa',
  'zaq12wsxcde',
  'asdfghjkl1',
  'asdfghjkl;',
  'zxcvbnm123',
  'welcome123',
  'welcome1234',
  'letmein123',
  'administrator',
  'admin12345',
  'admin123456',
  'admin@1234',
  'admin@12345',
  'root123456',
  'changeme123',
  'changeme1234',
  'superman123',
  'football123',
  'baseball123',
  'sunshine123',
  'princess123',
  'dragon1234',
  'monkey1234',
  'woaini1314',
  'woaini520',
  '5201314520',
  '1314520520',
  'a1b2c3d4e5',
  'huawei@123',
  'huawei12345',
  'chinamobile',
  'china12345',
  'ganzhi1234',
  'ganzhi12345',
  'ganzhi@123',
  'ganzhi@2026',
  'test123456',
  'testtest12',
  'password!1',
  'p@$$w0rd12',
]);

/**
 * Problems with a new password (empty when it is acceptable): at least 10 characters, not the username in any
 * case, not a well-known password.
 */
export function checkPasswordPolicy(password: string, username: string, path = 'password'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH)
    issues.push({
      path,
      code: 'password_too_short',
      params: { minimum: MIN_PASSWORD_LENGTH },
      message: `at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  const lower = password.toLowerCase();
  if (lower === username.toLowerCase() || (lower.includes(username.toLowerCase()) && username.length >= 4))
    issues.push({ path, code: 'password_contains_username', message: 'must not be or contain the username' });
  if (COMMON_PASSWORDS.has(lower))
    issues.push({ path, code: 'password_too_common', message: 'too common: it is among the first guessed' });
  return issues;
}
