import type { Location } from '@ganzhi/contracts';
import { coordinatesOfCity, HUNAN_CITY_COORDINATES } from './hunan-cities';

/** One city on the map: its locations' figures added up. */
export interface CityPoint {
  readonly cityCode: string;
  readonly locations: readonly Location[];
  readonly runs: number;
  readonly failures: number;
  readonly agents: number;
  readonly healthyAgents: number;
}

/** The locations on the map by city, and the ones that cannot be placed (custom codes without a city). */
export interface CityPoints {
  /** Every Hunan city, covered or not, in the order of `HUNAN_CITY_COORDINATES`. */
  readonly cities: readonly CityPoint[];
  readonly unmapped: readonly Location[];
}

/**
 * The city a location is in: the region it was mapped to, else its own code when that is a city code (an agent
 * started with `--location changsha` is in Changsha before anyone names the location). Undefined when neither is.
 */
export function cityOfLocation(location: Location): string | undefined {
  if (location.regionCode !== null && coordinatesOfCity(location.regionCode)) return location.regionCode;
  return coordinatesOfCity(location.code) ? location.code : undefined;
}

export function cityPointsOf(locations: readonly Location[]): CityPoints {
  const byCity = new Map<string, Location[]>();
  const unmapped: Location[] = [];
  for (const location of locations) {
    const city = cityOfLocation(location);
    if (city === undefined) unmapped.push(location);
    else byCity.set(city, [...(byCity.get(city) ?? []), location]);
  }
  const cities = Object.keys(HUNAN_CITY_COORDINATES).map((cityCode): CityPoint => {
    const here = byCity.get(cityCode) ?? [];
    const sum = (pick: (location: Location) => number) => here.reduce((total, item) => total + pick(item), 0);
    return {
      cityCode,
      locations: here,
      runs: sum((location) => location.lastHour.runs),
      failures: sum((location) => location.lastHour.failures),
      agents: sum((location) => location.agents),
      healthyAgents: sum((location) => location.healthyAgents),
    };
  });
  return { cities, unmapped };
}
