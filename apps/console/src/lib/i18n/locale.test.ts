import { describe, expect, it } from 'vitest';
import { translate } from './locale';
import { enMessages } from './messages-en';
import { zhCnMessages } from './messages-zh-cn';

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'unit.seconds', { value: 10 })).toBe('10 s');
    expect(translate('zh-CN', 'unit.seconds', { value: 10 })).toBe('10 秒');
    expect(translate('en', 'unit.seconds')).toBe('{value} s');
  });

  it('has a non-empty text for every key in both languages', () => {
    for (const dictionary of [zhCnMessages, enMessages]) {
      expect(Object.entries(dictionary).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(zhCnMessages)) {
      expect([key, placeholders(enMessages[key as keyof typeof zhCnMessages])]).toEqual([
        key,
        placeholders(text),
      ]);
    }
  });
});
