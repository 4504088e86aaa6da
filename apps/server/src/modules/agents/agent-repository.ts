import type { Kysely } from 'kysely';
import type { Agent } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

// An agent heartbeats every 15 s: silent for 1 min is stale, for 3 min is down.
const STALE_AFTER_MS = 60_000;
const DOWN_AFTER_MS = 180_000;

export function agentHealth(lastSeenMs: number | null, nowMs: number): Agent['health'] {
  if (lastSeenMs === null || nowMs - lastSeenMs > DOWN_AFTER_MS) return 'down';
  return nowMs - lastSeenMs > STALE_AFTER_MS ? 'stale' : 'healthy';
}

export async function upsertAgent(
  db: Db,
  agent: { id: string; name: string; location: string; version: string; builtin: boolean },
  nowMs: number,
): Promise<void> {
  await db
    .insertInto('agents')
    .values({ ...agent, builtin: agent.builtin ? 1 : 0, backlog: 0, last_seen_at: nowMs, created_at: nowMs })
    .onConflict((conflict) =>
      conflict.column('id').doUpdateSet({
        name: agent.name,
        location: agent.location,
        version: agent.version,
        last_seen_at: nowMs,
      }),
    )
    .execute();
}

export async function recordHeartbeat(
  db: Db,
  agentId: string,
  heartbeat: { backlog: number; nowMs: number },
): Promise<void> {
  await db
    .updateTable('agents')
    .set({ last_seen_at: heartbeat.nowMs, backlog: heartbeat.backlog })
    .where('id', '=', agentId)
    .execute();
}

export async function listAgents(db: Db, nowMs: number): Promise<Agent[]> {
  const rows = await db.selectFrom('agents').selectAll().orderBy('location').orderBy('name').execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    location: row.location,
    version: row.version,
    builtin: row.builtin === 1,
    lastSeen: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
    backlog: row.backlog,
    health: agentHealth(row.last_seen_at, nowMs),
  }));
}
