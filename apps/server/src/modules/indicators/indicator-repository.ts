import type { Kysely } from 'kysely';
import { indicatorInputSchema, type IndicatorDefinition } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** Stored definitions (overrides of built-ins and custom indicators); unreadable rows are skipped, not fatal. */
export async function readStoredDefinitions(db: Db): Promise<IndicatorDefinition[]> {
  const rows = await db.selectFrom('indicator_definitions').select(['id', 'definition']).execute();
  return rows.flatMap((row) => {
    const parsed = indicatorInputSchema.safeParse(JSON.parse(row.definition));
    return parsed.success ? [parsed.data] : [];
  });
}

export async function writeDefinition(db: Db, definition: IndicatorDefinition, nowMs: number): Promise<void> {
  const row = { id: definition.id, definition: JSON.stringify(definition), updated_at: nowMs };
  await db
    .insertInto('indicator_definitions')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ definition: row.definition, updated_at: nowMs }))
    .execute();
}

/** Removes a stored definition; true when there was one. */
export async function deleteDefinition(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('indicator_definitions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
