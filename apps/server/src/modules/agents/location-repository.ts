import type { Kysely, Selectable } from 'kysely';
import type { LocationInput } from '@ganzhi/contracts';
import type { DatabaseSchema, LocationTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;
export type LocationRow = Selectable<LocationTable>;
type LocationValues = LocationInput & { readonly code: string };

export async function listLocationRows(db: Db): Promise<LocationRow[]> {
  return db.selectFrom('locations').selectAll().orderBy('code').execute();
}

export async function upsertLocation(db: Db, location: LocationValues, nowMs: number): Promise<void> {
  const values = { name: location.name, region_code: location.regionCode, site: location.site };
  await db
    .insertInto('locations')
    .values({ code: location.code, created_at: nowMs, ...values })
    .onConflict((conflict) => conflict.column('code').doUpdateSet(values))
    .execute();
}

/** Creates a location the first time an agent serves it; an existing one is left as the operator set it. */
export async function ensureLocation(db: Db, location: LocationValues, nowMs: number): Promise<void> {
  await db
    .insertInto('locations')
    .values({
      code: location.code,
      created_at: nowMs,
      name: location.name,
      region_code: location.regionCode,
      site: location.site,
    })
    .onConflict((conflict) => conflict.column('code').doNothing())
    .execute();
}
