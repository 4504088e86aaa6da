import type { Location } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { locationSuggestionsOf } from './location-suggestions';

function locationWith(code: string, name: string): Location {
  return {
    code,
    name,
    regionCode: null,
    site: null,
    agents: 1,
    healthyAgents: 1,
    checks: 2,
    lastHour: { runs: 0, failures: 0, p95Ms: null },
  };
}

describe('locationSuggestionsOf', () => {
  it('offers known locations first, then cities without one, each code once', () => {
    const suggestions = locationSuggestionsOf(
      [locationWith('local', 'local'), locationWith('changsha', '长沙五一')],
      [
        { code: 'changsha', name: '长沙' },
        { code: 'yueyang', name: '岳阳' },
      ],
    );
    expect(suggestions).toEqual([
      { value: 'local', label: 'local' },
      { value: 'changsha', label: 'changsha · 长沙五一' },
      { value: 'yueyang', label: 'yueyang · 岳阳' },
    ]);
  });
});
