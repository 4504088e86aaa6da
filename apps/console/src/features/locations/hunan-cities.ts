/**
 * Where the 14 prefecture-level cities of Hunan are, for a map drawn without GeoJSON (none ships with the console,
 * and it must work offline). Coordinates are the city seats, rounded to 0.01°, keyed by the region codes of the
 * default dimensions.
 */
export interface CityCoordinates {
  readonly longitude: number;
  readonly latitude: number;
  /** Where the label goes so the Changsha–Zhuzhou–Xiangtan cluster stays legible. */
  readonly labelPosition: 'top' | 'bottom' | 'left' | 'right';
}

export const HUNAN_CITY_COORDINATES: Readonly<Record<string, CityCoordinates>> = {
  changsha: { longitude: 112.94, latitude: 28.23, labelPosition: 'top' },
  zhuzhou: { longitude: 113.13, latitude: 27.83, labelPosition: 'right' },
  xiangtan: { longitude: 112.94, latitude: 27.83, labelPosition: 'left' },
  hengyang: { longitude: 112.57, latitude: 26.89, labelPosition: 'right' },
  shaoyang: { longitude: 111.47, latitude: 27.24, labelPosition: 'bottom' },
  yueyang: { longitude: 113.13, latitude: 29.36, labelPosition: 'top' },
  changde: { longitude: 111.7, latitude: 29.03, labelPosition: 'top' },
  zhangjiajie: { longitude: 110.48, latitude: 29.12, labelPosition: 'top' },
  yiyang: { longitude: 112.36, latitude: 28.55, labelPosition: 'left' },
  chenzhou: { longitude: 113.01, latitude: 25.77, labelPosition: 'right' },
  yongzhou: { longitude: 111.61, latitude: 26.42, labelPosition: 'left' },
  huaihua: { longitude: 110.0, latitude: 27.57, labelPosition: 'left' },
  loudi: { longitude: 112.0, latitude: 27.7, labelPosition: 'bottom' },
  xiangxi: { longitude: 109.74, latitude: 28.31, labelPosition: 'top' },
};

/** The map's window onto the province, in degrees, with room for labels at the edges. */
export const HUNAN_BOUNDS = {
  minLongitude: 109.2,
  maxLongitude: 114.0,
  minLatitude: 25.3,
  maxLatitude: 29.8,
};

export function coordinatesOfCity(code: string): CityCoordinates | undefined {
  return Object.hasOwn(HUNAN_CITY_COORDINATES, code) ? HUNAN_CITY_COORDINATES[code] : undefined;
}
