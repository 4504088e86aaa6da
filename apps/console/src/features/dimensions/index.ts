// Dimensions feature: channels, businesses and regions from the API, named in the current language.
export { useDimensions } from './api/dimension-api';
export {
  dimensionOptions,
  displayNameOf,
  nameOfCode,
  type DimensionKind,
  type DimensionOption,
} from './dimension-names';
