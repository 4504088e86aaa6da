// Dimensions feature: channels, businesses and regions from the API, named in the current language.
export { useDimensions } from './api/dimension-api';
export {
  citiesOf,
  dimensionOptions,
  displayNameOf,
  nameOfCode,
  type DimensionKind,
  type DimensionOption,
  type NamedCity,
} from './dimension-names';
export { DimensionsPage } from './components/dimensions-page';
