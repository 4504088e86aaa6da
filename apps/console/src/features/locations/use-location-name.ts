import { useI18n } from '../../lib/i18n';
import { useDimensions } from '../dimensions';
import { useLocations } from './api/location-api';
import { locationDisplayName } from './location-names';

/** `locationDisplayName` with the locations, the service model and the language of this page. */
export function useLocationName(): (code: string) => string {
  const { t, locale } = useI18n();
  const locations = useLocations();
  const dimensions = useDimensions();
  return (code) =>
    locationDisplayName(code, { locations: locations.data, dimensions: dimensions.data, locale, t });
}
