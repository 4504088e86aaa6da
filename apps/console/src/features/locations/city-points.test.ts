import type { Location } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { cityOfLocation, cityPointsOf } from './city-points';

function locationWith(overrides: Partial<Location> & { code: string }): Location {
  return {
    name: overrides.code,
    regionCode: null,
    site: null,
    agents: 1,
    healthyAgents: 1,
    checks: 2,
    lastHour: { runs: 0, failures: 0, p95Ms: null },
    ...overrides,
  };
}

describe('cityOfLocation', () => {
  it('places a location by its region first, then by a code that names a city', () => {
    expect(cityOfLocation(locationWith({ code: 'cs-hall-1', regionCode: 'changsha' }))).toBe('changsha');
    expect(cityOfLocation(locationWith({ code: 'yueyang' }))).toBe('yueyang');
    expect(cityOfLocation(locationWith({ code: 'yueyang', regionCode: 'changde' }))).toBe('changde');
  });

  it('leaves custom codes and unknown regions off the map', () => {
    expect(cityOfLocation(locationWith({ code: 'local' }))).toBeUndefined();
    expect(cityOfLocation(locationWith({ code: 'lab', regionCode: 'hunan' }))).toBeUndefined();
    expect(cityOfLocation(locationWith({ code: 'toString' }))).toBeUndefined();
  });
});

describe('cityPointsOf', () => {
  it('adds up the locations of a city and lists every city, covered or not', () => {
    const { cities, unmapped } = cityPointsOf([
      locationWith({
        code: 'changsha',
        agents: 2,
        healthyAgents: 1,
        lastHour: { runs: 100, failures: 5, p95Ms: 300 },
      }),
      locationWith({
        code: 'cs-hall',
        regionCode: 'changsha',
        lastHour: { runs: 20, failures: 1, p95Ms: 900 },
      }),
      locationWith({ code: 'local' }),
    ]);
    expect(cities).toHaveLength(14);
    expect(cities.find((city) => city.cityCode === 'changsha')).toMatchObject({
      runs: 120,
      failures: 6,
      agents: 3,
      healthyAgents: 2,
    });
    expect(cities.find((city) => city.cityCode === 'loudi')?.locations).toEqual([]);
    expect(unmapped.map((location) => location.code)).toEqual(['local']);
  });
});
