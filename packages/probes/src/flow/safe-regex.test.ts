import { describe, expect, it } from 'vitest';
import {
  USER_PATTERN_SUBJECT_LIMIT_CHARS,
  UserPatternError,
  compileUserPattern,
  findPatternProblem,
} from './safe-regex.js';

describe('compileUserPattern', () => {
  it('answers a catastrophic pattern on a long subject at once (a backtracking engine takes minutes)', () => {
    const subject = `${'a'.repeat(100_000)}b`;
    const started = performance.now();
    const pattern = compileUserPattern('^(a+)+$');
    expect(pattern.test(subject)).toBe(false);
    expect(pattern.exec(subject)).toBeNull();
    expect(compileUserPattern('^(a|aa)+$').test('a'.repeat(50_000))).toBe(true);
    // Generous bound: the point is minutes versus milliseconds, not a precise timing.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('returns the whole match, numbered captures and named groups', () => {
    const match = compileUserPattern('order=(?<id>\\d+)(-(\\w+))?').exec('x order=42 y');
    expect(match).toEqual({ text: 'order=42', captures: ['42', undefined, undefined], groups: { id: '42' } });
    expect(compileUserPattern('(?<a>x)|(?<b>y)').groupNames).toEqual(['a', 'b']);
  });

  it('accepts JavaScript spellings and the i, m and s flags', () => {
    expect(compileUserPattern('caf\\u00e9').test('café')).toBe(true);
    expect(compileUserPattern('\\/bill\\/\\d+').test('/bill/7')).toBe(true);
    expect(compileUserPattern('^ok$', 'im').test('first\nOK\nlast')).toBe(true);
    expect(compileUserPattern('a.b', 's').test('a\nb')).toBe(true);
    expect(compileUserPattern('a.b').test('a\nb')).toBe(false);
  });

  it('refuses backreferences and lookaround by name, and reports syntax errors', () => {
    expect(() => compileUserPattern('(a)\\1')).toThrow(UserPatternError);
    expect(findPatternProblem('(a)\\1')).toMatch(/^a backreference \(\\1\) is not supported.*linear-time/);
    expect(findPatternProblem('(?<n>a)\\k<n>')).toMatch(/^a named backreference/);
    expect(findPatternProblem('(?<=\\$)\\d+')).toMatch(/^lookbehind \(\?<=…\) is not supported/);
    expect(findPatternProblem('(?<!x)y')).toMatch(/^lookbehind \(\?<!…\)/);
    expect(findPatternProblem('\\d+(?=元)')).toMatch(/^lookahead \(\?=…\)/);
    expect(findPatternProblem('[(?=]\\(?!')).toBeNull();
    expect(findPatternProblem('(unclosed')).toMatch(/^invalid regular expression: missing closing \)/);
    expect(findPatternProblem('a', 'g')).toBe('the regular expression flag "g" is not supported');
  });

  it('reads only the first MiB of a subject', () => {
    const far = `${'x'.repeat(USER_PATTERN_SUBJECT_LIMIT_CHARS)}needle`;
    expect(compileUserPattern('needle').test(far)).toBe(false);
    expect(compileUserPattern('needle').test(far.slice(10))).toBe(true);
  });
});
