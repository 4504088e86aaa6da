import { describe, expect, it } from 'vitest';
import { isStorableText, safeText } from './safe-text.js';

describe('safeText', () => {
  it('refuses NUL and unpaired surrogates, keeps every other string, emoji included', () => {
    for (const value of ['E1023', '网厅', '\u{1F600}', '', 'tab\tnewline\n'])
      expect(isStorableText(value)).toBe(true);
    for (const value of ['a\u0000b', '\uD800', '\uDBFF', 'x\uDC00', '\uD83D\uDE00\uDE00'])
      expect(isStorableText(value)).toBe(false);
  });

  it('chains with the usual string checks', () => {
    const schema = safeText().trim().min(1).max(5);
    expect(schema.parse('  ok ')).toBe('ok');
    expect(schema.safeParse('a\u0000').success).toBe(false);
    expect(schema.safeParse('toolong').success).toBe(false);
  });
});
