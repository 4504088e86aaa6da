import type { Kysely } from 'kysely';
import type { FieldIssue } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';

/** The built-in agent's location: known even before the built-in agent first registers it. */
const BUILTIN_LOCATION = 'local';

/**
 * The locations a check names that do not exist, as field issues (`locations.<i>`). A location exists when it is the
 * built-in one, was created on the locations page or by an agent's enrolment, or is a region code: an agent enrolled
 * under a city's code is attributed to that city, so checks may be planned for a city before its agent arrives.
 * Anything else is most likely a typo, and the check would silently never run.
 */
export async function findUnknownLocations(
  db: Kysely<DatabaseSchema>,
  locations: readonly string[],
): Promise<FieldIssue[]> {
  const named = [...new Set(locations)].filter((code) => code !== BUILTIN_LOCATION);
  if (named.length === 0) return [];
  const [locationRows, regionRows] = await Promise.all([
    db.selectFrom('locations').select('code').where('code', 'in', named).execute(),
    db.selectFrom('regions').select('code').where('code', 'in', named).execute(),
  ]);
  const known = new Set([...locationRows, ...regionRows].map((row) => row.code));
  const issues: FieldIssue[] = [];
  locations.forEach((code, index) => {
    if (code !== BUILTIN_LOCATION && !known.has(code))
      issues.push({
        path: `locations.${index}`,
        code: 'unknown_location',
        params: { code },
        message: `unknown location "${code}": create it on the locations page or enrol an agent there first`,
      });
  });
  return issues;
}
