// Locations feature: where agents probe from, on a map of Hunan's cities and in a table, each mapped to a city.
export { useLocations } from './api/location-api';
export { LocationListPage } from './components/location-list-page';
export { locationDisplayName, type LocationNaming } from './location-names';
export { useLocationName } from './use-location-name';
