import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** The integer keys of a batch's checks and origins (agent × location). */
export interface RunKeys {
  checkNo(checkId: string): number;
  originNo(origin: { agentId: string; location: string }): number;
}

/** Keys looked up or created inside a transaction; remembered only once it has committed. */
export interface ResolvedRunKeys extends RunKeys {
  readonly learned: { readonly checks: Map<string, number>; readonly origins: Map<string, number> };
}

const originKeyOf = ({ agentId, location }: { agentId: string; location: string }) =>
  `${agentId}\n${location}`;

function lookUp(map: ReadonlyMap<string, number>, key: string): number {
  const found = map.get(key);
  if (found === undefined) throw new Error(`run key for "${key}" was not resolved`);
  return found;
}

async function resolveChecks(db: Db, checkIds: readonly string[]): Promise<Map<string, number>> {
  if (checkIds.length === 0) return new Map();
  await db
    .insertInto('run_checks')
    .values(checkIds.map((check_id) => ({ check_id })))
    .onConflict((conflict) => conflict.column('check_id').doNothing())
    .execute();
  const rows = await db
    .selectFrom('run_checks')
    .select(['no', 'check_id'])
    .where('check_id', 'in', checkIds)
    .execute();
  return new Map(rows.map((row) => [row.check_id, row.no]));
}

async function resolveOrigins(
  db: Db,
  origins: readonly { agentId: string; location: string }[],
): Promise<Map<string, number>> {
  if (origins.length === 0) return new Map();
  const values = origins.map(({ agentId, location }) => ({ agent_id: agentId, location }));
  await db
    .insertInto('run_origins')
    .values(values)
    .onConflict((conflict) => conflict.columns(['agent_id', 'location']).doNothing())
    .execute();
  const rows = await db
    .selectFrom('run_origins')
    .select(['no', 'agent_id', 'location'])
    .where('agent_id', 'in', [...new Set(origins.map((origin) => origin.agentId))])
    .execute();
  return new Map(rows.map((row) => [originKeyOf({ agentId: row.agent_id, location: row.location }), row.no]));
}

/**
 * Integer keys for check ids and origins, cached for the process. Rows of `run_checks` and `run_origins` are never
 * deleted or renumbered, so a remembered key stays right for as long as the database lives; a key is remembered
 * only after the transaction that created it committed, so a rolled-back number is never reused.
 */
export function createRunKeyCache() {
  const checks = new Map<string, number>();
  const origins = new Map<string, number>();
  return {
    async resolve(
      db: Db,
      wanted: { checkIds: Iterable<string>; origins: Iterable<{ agentId: string; location: string }> },
    ): Promise<ResolvedRunKeys> {
      const missingChecks = [...new Set(wanted.checkIds)].filter((id) => !checks.has(id));
      const missingOrigins = new Map<string, { agentId: string; location: string }>();
      for (const origin of wanted.origins) {
        const key = originKeyOf(origin);
        if (!origins.has(key)) missingOrigins.set(key, origin);
      }
      const learned = {
        checks: await resolveChecks(db, missingChecks),
        origins: await resolveOrigins(db, [...missingOrigins.values()]),
      };
      return {
        learned,
        checkNo: (checkId) => checks.get(checkId) ?? lookUp(learned.checks, checkId),
        originNo: (origin) => {
          const key = originKeyOf(origin);
          return origins.get(key) ?? lookUp(learned.origins, key);
        },
      };
    },

    /** Call after the transaction that resolved `keys` committed. */
    remember(keys: ResolvedRunKeys): void {
      for (const [id, no] of keys.learned.checks) checks.set(id, no);
      for (const [key, no] of keys.learned.origins) origins.set(key, no);
    },
  };
}

export type RunKeyCache = ReturnType<typeof createRunKeyCache>;
