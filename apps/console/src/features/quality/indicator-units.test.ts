import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../lib/i18n';
import { indicatorUnitText } from './indicator-units';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

describe('indicatorUnitText', () => {
  it('says the catalogue’s word units in the reader’s language and keeps symbols', () => {
    expect(indicatorUnitText('ratio', zh)).toBe('比值');
    expect(indicatorUnitText('min', zh)).toBe('分钟');
    expect(indicatorUnitText('ratio', en)).toBe('ratio');
    expect(indicatorUnitText('%', zh)).toBe('%');
    expect(indicatorUnitText('× SLA', zh)).toBe('× SLA');
    expect(indicatorUnitText('tpmC', zh)).toBe('tpmC');
  });
});
