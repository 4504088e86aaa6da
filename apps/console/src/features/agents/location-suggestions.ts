import type { Location } from '@ganzhi/contracts';
import type { NamedCity } from '../dimensions';

/** A location code to offer while typing, with what it is called. */
export interface LocationSuggestion {
  readonly value: string;
  readonly label: string;
}

/**
 * Known locations first (where agents already run or checks look), then the cities that have none yet, since a city
 * code is the natural location code for its first agent. Each code appears once.
 */
export function locationSuggestionsOf(
  locations: readonly Location[],
  cities: readonly NamedCity[],
): LocationSuggestion[] {
  const known = locations.map((location) => ({
    value: location.code,
    label: location.name === location.code ? location.code : `${location.code} · ${location.name}`,
  }));
  const taken = new Set(known.map((suggestion) => suggestion.value));
  const fresh = cities
    .filter((city) => !taken.has(city.code))
    .map((city) => ({ value: city.code, label: `${city.code} · ${city.name}` }));
  return [...known, ...fresh];
}
