import { describe, expect, it } from 'vitest';
import {
  groupSecret,
  isOneTimeCode,
  loginCodeIssue,
  mustEnrolSecondFactor,
  normalizeOneTimeCode,
} from './second-factor';

describe('loginCodeIssue', () => {
  it('finds the one-time code issue among the details of a failed login', () => {
    const issue = { path: 'totp', message: 'a one-time code is required' };
    expect(loginCodeIssue([{ path: 'password', message: 'x' }, issue])).toEqual(issue);
  });

  it('is null for a plain wrong password', () => {
    expect(loginCodeIssue([])).toBeNull();
    expect(loginCodeIssue([{ path: 'totpx', message: 'x' }])).toBeNull();
  });
});

describe('one-time codes', () => {
  it('keeps only the digits of what was typed or pasted', () => {
    expect(normalizeOneTimeCode(' 123 456 ')).toBe('123456');
    expect(normalizeOneTimeCode('12-34a56')).toBe('123456');
  });

  it('accepts exactly six digits', () => {
    expect(isOneTimeCode('123456')).toBe(true);
    expect(isOneTimeCode('12345')).toBe(false);
    expect(isOneTimeCode('1234567')).toBe(false);
    expect(isOneTimeCode('12345a')).toBe(false);
  });
});

describe('groupSecret', () => {
  it('groups a secret in fours, the last group shorter', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
    expect(groupSecret('')).toBe('');
  });
});

describe('mustEnrolSecondFactor', () => {
  const user = { id: 'u1', username: 'admin', permissions: [] };

  it('holds only when the server says a second factor is required', () => {
    expect(mustEnrolSecondFactor({ ...user, totpRequired: true })).toBe(true);
    expect(mustEnrolSecondFactor({ ...user, totpRequired: false, totpEnabled: true })).toBe(false);
    expect(mustEnrolSecondFactor(user)).toBe(false);
    expect(mustEnrolSecondFactor(undefined)).toBe(false);
  });
});
