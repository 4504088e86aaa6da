import { indicatorInputSchema, type IndicatorDefinition } from '@ganzhi/contracts';
import { EXPERIENCE_INDICATORS } from './experience-indicators.js';
import { PLATFORM_INDICATORS } from './platform-indicators.js';
import { RESOURCE_INDICATORS } from './resource-indicators.js';

export {
  MEASUREMENT_CATALOGS,
  EXTERNAL_GAUGES,
  EXTERNAL_MEASUREMENT_NAMES,
  RESOURCE_METRICS,
} from './measurement-catalogs.js';

/** The built-in catalogue: 18 resource + 26 platform + 24 experience indicators, with the seeds' thresholds. */
export const BUILTIN_INDICATORS: readonly IndicatorDefinition[] = [
  ...RESOURCE_INDICATORS,
  ...PLATFORM_INDICATORS,
  ...EXPERIENCE_INDICATORS,
].map((input) => indicatorInputSchema.parse(input));
