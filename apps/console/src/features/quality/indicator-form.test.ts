import type { Indicator } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { NEW_INDICATOR, fieldNameOf, formValuesOf } from './indicator-form';

describe('indicator form values', () => {
  it('starts from the stored definition without the server-only fields', () => {
    const stored: Indicator = {
      ...NEW_INDICATOR,
      id: 'x_rate',
      builtin: true,
      modified: false,
      measurements: ['count'],
    } as Indicator;
    const values = formValuesOf(stored);
    expect(values).not.toHaveProperty('builtin');
    expect(values).not.toHaveProperty('measurements');
    expect(values.id).toBe('x_rate');
  });

  it('places API issue paths on nested form fields', () => {
    expect(fieldNameOf('thresholds.bad')).toEqual(['thresholds', 'bad']);
    expect(fieldNameOf('appliesTo.channels.0')).toEqual(['appliesTo', 'channels', 0]);
    expect(fieldNameOf('formula')).toEqual(['formula']);
  });
});
