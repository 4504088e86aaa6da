import { describe, expect, it } from 'vitest';
import { errorClassSchema } from '@ganzhi/contracts';
import { translate } from '../../lib/i18n';
import { isErrorClass } from './run-facts';

describe('error classes as the console shows them', () => {
  it('recognises every class of the run contract, including config, and nothing else', () => {
    expect(isErrorClass('config')).toBe(true);
    expect(isErrorClass('internal')).toBe(true);
    expect(isErrorClass('misconfigured')).toBe(false);
    expect(isErrorClass(null)).toBe(false);
  });

  it.each(['zh-CN', 'en'] as const)('gives each class its own %s label', (locale) => {
    const labels = errorClassSchema.options.map((errorClass) =>
      translate(locale, `errorClass.${errorClass}`),
    );
    expect(new Set(labels).size).toBe(errorClassSchema.options.length);
    expect(labels.filter((label) => label.startsWith('errorClass.'))).toEqual([]);
  });

  it('labels a missing secret or variable as configuration, not as a probe error', () => {
    expect(translate('zh-CN', 'errorClass.config')).toBe('配置缺失');
    expect(translate('en', 'errorClass.config')).toBe('Missing configuration');
  });
});
