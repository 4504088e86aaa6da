import { describe, expect, it } from 'vitest';
import { fieldOfIssue, inputFor } from './dimension-fields';

describe('dimension form fields', () => {
  it('places a server issue on the field of the saved item', () => {
    expect(fieldOfIssue('businesses', 'businesses.0.slaMs')).toBe('slaMs');
    expect(fieldOfIssue('regions', 'regions.0.parentCode')).toBe('parentCode');
    expect(fieldOfIssue('aliases', 'aliases.0.code')).toBe('code');
    expect(fieldOfIssue('businesses', 'channels.0.code')).toBeNull();
    expect(fieldOfIssue('businesses', 'businesses')).toBeNull();
  });

  it('saves one item without touching the other lists', () => {
    expect(
      inputFor('systems', { code: 'crm', nameZh: '营业', nameEn: 'CRM', plannedUtilisation: 0.5 }),
    ).toEqual({
      systems: [{ code: 'crm', nameZh: '营业', nameEn: 'CRM', plannedUtilisation: 0.5 }],
    });
  });
});
