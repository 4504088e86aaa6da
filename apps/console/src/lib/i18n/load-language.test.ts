import { describe, expect, it } from 'vitest';
import { loadLanguage } from './load-language';
import { createTranslate } from './locale';

describe('loadLanguage', () => {
  it('loads each language with its texts and antd’s', async () => {
    const chinese = await loadLanguage('zh-CN');
    const english = await loadLanguage('en');
    expect(createTranslate(chinese.dictionary)('common.backHome')).toBe('返回首页');
    expect(createTranslate(english.dictionary)('common.backHome')).toBe('Back to the overview');
    expect(chinese.antdLocale.locale).toBe('zh-cn');
    expect(english.antdLocale.locale).toBe('en');
  });
});
