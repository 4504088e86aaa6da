// Dimensions feature: the service model (channels, businesses, the region tree, systems, segments, aliases) from the
// API, named in the current language, and its editor.
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
export { regionTreeOptions, withDescendants, type RegionTreeOption } from './region-tree';
export { regionScopeNames, scopedRegionTreeOptions } from './region-scope';
export { DimensionsPage } from './components/dimensions-page';
