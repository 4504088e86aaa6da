import { describe, expect, it } from 'vitest';
import { enDictionary } from './dictionary-en';
import { zhCnDictionary } from './dictionary-zh-cn';
import { fillMessage } from './locale';
import { translate } from './translate';

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'unit.seconds', { value: 10 })).toBe('10 s');
    expect(translate('zh-CN', 'unit.seconds', { value: 10 })).toBe('10 秒');
    expect(translate('en', 'unit.seconds')).toBe('{value} s');
    expect(fillMessage('{{{name}}}', { name: 'token' })).toBe('{{token}}');
  });

  it('has a non-empty text for every key in both languages', () => {
    for (const dictionary of [zhCnDictionary, enDictionary]) {
      expect(Object.entries(dictionary).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(zhCnDictionary)) {
      expect([key, placeholders(enDictionary[key as keyof typeof zhCnDictionary])]).toEqual([
        key,
        placeholders(text),
      ]);
    }
  });
});
