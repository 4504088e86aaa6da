import type { Region } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../lib/i18n';
import { fieldOfIssue, formValuesOf, inputFor, itemOfFormValues, messageOfIssue } from './dimension-fields';

const hunan: Region = { code: 'hunan', parentCode: null, level: 'province', nameZh: '湖南', nameEn: 'Hunan' };

describe('dimension form fields', () => {
  it('places a server issue on the field of the saved item, in the units the form shows', () => {
    expect(fieldOfIssue('businesses', 'businesses.0.slaMs')).toBe('slaSeconds');
    expect(fieldOfIssue('systems', 'systems.0.plannedUtilisation')).toBe('plannedPercent');
    expect(fieldOfIssue('regions', 'regions.0.parentCode')).toBe('parentCode');
    expect(fieldOfIssue('businesses', 'businesses.0.systems.2')).toBe('systems');
    expect(fieldOfIssue('aliases', 'aliases.0.code')).toBe('code');
    expect(fieldOfIssue('businesses', 'channels.0.code')).toBeNull();
    expect(fieldOfIssue('businesses', 'businesses')).toBeNull();
  });

  it('explains known fields in the user language and keeps the server text for the others', () => {
    const t = ((key: string) => `«${key}»`) as Translate;
    expect(messageOfIssue('slaSeconds', 'Too small: expected number to be >0', t)).toBe(
      '«dimensions.slaInvalid»',
    );
    expect(messageOfIssue('nameZh', 'Invalid input', t)).toBe('Invalid input');
  });

  it('shows the SLA in seconds and utilisation in percent, and converts them back', () => {
    const business = {
      code: 'payment',
      nameZh: '缴费',
      nameEn: 'Payment',
      type: 'transaction' as const,
      slaMs: 3000,
      systems: ['crm'],
    };
    const values = formValuesOf('businesses', { item: business, regions: [] });
    expect(values).toEqual({
      code: 'payment',
      nameZh: '缴费',
      nameEn: 'Payment',
      type: 'transaction',
      slaSeconds: 3,
      systems: ['crm'],
    });
    expect(itemOfFormValues('businesses', values)).toEqual(business);
    expect(itemOfFormValues('businesses', { ...values, slaSeconds: null })).toMatchObject({ slaMs: null });
    // A negative SLA is sent as it is: the server refuses it and names the field.
    expect(itemOfFormValues('businesses', { ...values, slaSeconds: -5 })).toMatchObject({ slaMs: -5000 });

    const system = { code: 'crm', nameZh: '营业', nameEn: 'CRM', plannedUtilisation: 0.29 };
    expect(formValuesOf('systems', { item: system, regions: [] })).toMatchObject({ plannedPercent: 29 });
    expect(itemOfFormValues('systems', { code: 'crm', plannedPercent: 50 })).toEqual({
      code: 'crm',
      plannedUtilisation: 0.5,
    });
  });

  it('starts a new region as a city of the province', () => {
    expect(formValuesOf('regions', { item: null, regions: [hunan] })).toEqual({
      level: 'city',
      parentCode: 'hunan',
    });
    expect(itemOfFormValues('regions', { code: 'x', parentCode: undefined })).toEqual({
      code: 'x',
      parentCode: null,
    });
  });

  it('saves one item without touching the other lists', () => {
    expect(
      inputFor('systems', { code: 'crm', nameZh: '营业', nameEn: 'CRM', plannedUtilisation: 0.5 }),
    ).toEqual({
      systems: [{ code: 'crm', nameZh: '营业', nameEn: 'CRM', plannedUtilisation: 0.5 }],
    });
  });
});
