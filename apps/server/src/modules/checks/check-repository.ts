import type { Kysely, Selectable } from 'kysely';
import type { Check, CheckInput, Step } from '@ganzhi/contracts';
import type { CheckTable, DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** A stored row as the domain's check (the search column `name_folded` is the repository's own). */
export function toCheck(row: Omit<Selectable<CheckTable>, 'name_folded'>): Check {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null ? { description: row.description } : {}),
    enabled: row.enabled === 1,
    intervalSeconds: row.interval_seconds,
    business: row.business,
    channel: row.channel,
    region: row.region,
    tags: JSON.parse(row.tags_json) as string[],
    locations: JSON.parse(row.locations_json) as string[],
    steps: JSON.parse(row.steps_json) as Step[],
    variables: JSON.parse(row.variables_json) as Record<string, string>,
    flowTimeoutMs: row.flow_timeout_ms,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toColumns(input: CheckInput) {
  return {
    name: input.name,
    name_folded: input.name.toLowerCase(),
    description: input.description ?? null,
    enabled: input.enabled ? 1 : 0,
    interval_seconds: input.intervalSeconds,
    business: input.business,
    channel: input.channel,
    region: input.region,
    tags_json: JSON.stringify(input.tags),
    locations_json: JSON.stringify(input.locations),
    steps_json: JSON.stringify(input.steps),
    variables_json: JSON.stringify(input.variables),
    flow_timeout_ms: input.flowTimeoutMs,
  };
}

export function createCheckRepository(db: Db) {
  return {
    async insert(id: string, input: CheckInput, nowMs: number): Promise<Check> {
      const row = { id, ...toColumns(input), created_at: nowMs, updated_at: nowMs };
      await db.insertInto('checks').values(row).execute();
      return toCheck(row);
    },
    async update(id: string, input: CheckInput, nowMs: number): Promise<Check | undefined> {
      await db
        .updateTable('checks')
        .set({ ...toColumns(input), updated_at: nowMs })
        .where('id', '=', id)
        .execute();
      return this.find(id);
    },
    async find(id: string): Promise<Check | undefined> {
      const row = await db.selectFrom('checks').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCheck(row) : undefined;
    },
    async findByName(name: string): Promise<Check | undefined> {
      const row = await db.selectFrom('checks').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toCheck(row) : undefined;
    },
    async list(): Promise<Check[]> {
      const rows = await db.selectFrom('checks').selectAll().orderBy('name').execute();
      return rows.map(toCheck);
    },
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('checks').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type CheckRepository = ReturnType<typeof createCheckRepository>;
