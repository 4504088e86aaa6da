import { describe, expect, it } from 'vitest';
import { translate } from '../../lib/i18n';
import { fieldOfIssuePath, issuesFromDetails, validateCheckInput } from './check-form-issues';
import { NEW_CHECK_VALUES, toCheckInput, type CheckFormValues } from './check-form-values';

const t = translate.bind(null, 'en');
const values: CheckFormValues = { ...NEW_CHECK_VALUES, headers: [{ name: 'X.Trace', value: '1' }] };

describe('fieldOfIssuePath', () => {
  it('maps API paths onto the form fields that show them', () => {
    expect(fieldOfIssuePath('name', values)).toBe('name');
    expect(fieldOfIssuePath('intervalSeconds', values)).toBe('intervalSeconds');
    expect(fieldOfIssuePath('tags.2', values)).toBe('tags');
    expect(fieldOfIssuePath('steps.0.url', values)).toBe('url');
    expect(fieldOfIssuePath('steps.0.timeoutMs', values)).toBe('timeoutMs');
    expect(fieldOfIssuePath('steps.0.headers.X.Trace', values)).toEqual(['headers', 0, 'name']);
  });

  it('leaves paths the form does not show to the form-wide message', () => {
    expect(fieldOfIssuePath('locations.0', values)).toBeNull();
    expect(fieldOfIssuePath('steps.1.url', values)).toBeNull();
    expect(fieldOfIssuePath('steps', values)).toBeNull();
    expect(fieldOfIssuePath('steps.0.headers.Not-In-Form', values)).toBeNull();
  });
});

describe('validateCheckInput', () => {
  it('puts client-side problems under their fields in the chosen language', () => {
    const invalid: CheckFormValues = { ...NEW_CHECK_VALUES, name: 'x', url: 'not a url', intervalSeconds: 5 };
    const issues = validateCheckInput(toCheckInput(invalid), { values: invalid, t });
    expect(issues).toContainEqual({ field: 'url', message: t('validation.url') });
    expect(issues).toContainEqual({ field: 'intervalSeconds', message: t('validation.min', { min: 10 }) });
  });

  it('calls an empty name required', () => {
    const issues = validateCheckInput(toCheckInput(NEW_CHECK_VALUES), { values: NEW_CHECK_VALUES, t });
    expect(issues).toContainEqual({ field: 'name', message: t('validation.required') });
  });

  it('accepts valid input', () => {
    const valid: CheckFormValues = { ...NEW_CHECK_VALUES, name: 'ok', url: 'https://example.com/' };
    expect(validateCheckInput(toCheckInput(valid), { values: valid, t })).toEqual([]);
  });
});

describe('issuesFromDetails', () => {
  it('places server details on fields and keeps unknown paths for the form-wide message', () => {
    expect(
      issuesFromDetails(
        [
          { path: 'steps.0.url', message: 'must be an absolute URL' },
          { path: 'locations', message: 'unknown location' },
        ],
        values,
      ),
    ).toEqual([
      { field: 'url', message: 'must be an absolute URL' },
      { field: null, message: 'locations: unknown location' },
    ]);
  });
});
