import type { Dimensions, Location } from '@ganzhi/contracts';
import type { Locale, Translate } from '../../lib/i18n';
import { nameOfCode } from '../dimensions';

/** The code of the built-in agent's location (the server itself); the server names it in English. */
const BUILTIN_LOCATION = 'local';

export interface LocationNaming {
  readonly locations: readonly Location[] | undefined;
  readonly dimensions: Dimensions | undefined;
  readonly locale: Locale;
  readonly t: Translate;
}

/**
 * The name to show for a location code: the name someone gave it (`长沙五一广场`); for a location named only by its
 * code (an agent enrolled at `changsha`), or not known at all, the city the code or its mapping names, in the
 * reader's language; the built-in location as such; else the code.
 * @example locationDisplayName('changsha', naming) // "长沙"
 */
export function locationDisplayName(code: string, naming: LocationNaming): string {
  if (code === BUILTIN_LOCATION) return naming.t('locations.builtinName');
  const location = naming.locations?.find((candidate) => candidate.code === code);
  if (location && location.name.trim() !== '' && location.name !== code) return location.name;
  const city = location?.regionCode ?? code;
  return nameOfCode(naming.dimensions, { kind: 'region', code: city, locale: naming.locale });
}
