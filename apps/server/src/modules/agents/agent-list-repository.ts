import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { parseSortParam, type Agent, type AgentSortField, type SortParam } from '@ganzhi/contracts';
import { cutPage, positionOf, rowsAfter, type KeyValue, type SortKey } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { AGENT_TIMING, unsupportedOf, type AgentRow } from './agent-repository.js';
import { judgedHealth } from './agent-monitor.js';

type Db = Kysely<DatabaseSchema>;

/** What a list of agents selects; every field narrows (AND). */
export interface AgentListFilter {
  readonly location?: string | undefined;
  /** `online`: heard from within the down threshold (healthy or stale); `offline`: down or revoked. */
  readonly status?: 'online' | 'offline' | undefined;
  /** Part of the name, hostname or id, lower-cased. */
  readonly foldedText?: string | undefined;
}

/** The moments an agent's health is judged from (see `judgedHealth`). */
export interface HealthTimes {
  readonly nowMs: number;
  readonly serverStartedAtMs: number;
}

/** Health ranks, needing attention first: `status:asc` lists down agents first, revoked ones last. */
const RANK = { down: 0, stale: 1, healthy: 2, revoked: 3 } as const;
/** Past every real time, so agents never seen sort last both ways. */
const AFTER_ALL = { asc: Number.MAX_SAFE_INTEGER, desc: -1 } as const;

/**
 * `judgedHealth` in SQL: an agent not yet declared down is judged from the later of its last report and the server's
 * start; revoked before anything else. Literal ranks, so PostgreSQL types the CASE as an integer.
 */
function healthRank(times: HealthTimes): RawBuilder<number> {
  const start = times.serverStartedAtMs;
  const seen = sql`(case when agents.health_state = 'down' then agents.last_seen_at when agents.last_seen_at is null or agents.last_seen_at < ${start} then ${start} else agents.last_seen_at end)`;
  return sql<number>`(case when agents.revoked_at is not null then ${sql.lit(RANK.revoked)} when ${seen} is null or ${seen} < ${times.nowMs - AGENT_TIMING.downAfterMs} then ${sql.lit(RANK.down)} when ${seen} < ${times.nowMs - AGENT_TIMING.liveWithinMs} then ${sql.lit(RANK.stale)} else ${sql.lit(RANK.healthy)} end)`;
}

/** The keys of a sort: the primary one, then the name (alphabetical whatever the direction), then the id. */
function sortKeys(sort: SortParam<AgentSortField>, times: HealthTimes): SortKey[] {
  const { field, direction } = parseSortParam(sort);
  const name: RawBuilder<KeyValue> = sql<string>`lower(agents.name)`;
  const id: RawBuilder<KeyValue> = sql<string>`agents.id`;
  if (field === 'name')
    return [
      { expression: name, direction },
      { expression: id, direction },
    ];
  const primary: Record<Exclude<AgentSortField, 'name'>, RawBuilder<KeyValue>> = {
    location: sql<string>`agents.location`,
    status: healthRank(times),
    lastSeen: sql<number>`coalesce(agents.last_seen_at, ${sql.lit(AFTER_ALL[direction])})`,
  };
  return [
    { expression: primary[field], direction },
    { expression: name, direction: 'asc' },
    { expression: id, direction: 'asc' },
  ];
}

function conditions(filter: AgentListFilter, times: HealthTimes): RawBuilder<SqlBool>[] {
  const all: RawBuilder<SqlBool>[] = [];
  if (filter.location !== undefined) all.push(sql<SqlBool>`agents.location = ${filter.location}`);
  if (filter.status !== undefined) {
    const ranks = filter.status === 'online' ? [RANK.healthy, RANK.stale] : [RANK.down, RANK.revoked];
    all.push(sql<SqlBool>`${healthRank(times)} in (${sql.join(ranks.map((rank) => sql.lit(rank)))})`);
  }
  if (filter.foldedText !== undefined) {
    const pattern = containsPattern(filter.foldedText);
    all.push(
      sql<SqlBool>`(lower(agents.name) like ${pattern} escape '\\' or lower(coalesce(agents.hostname, '')) like ${pattern} escape '\\' or lower(agents.id) like ${pattern} escape '\\')`,
    );
  }
  return all;
}

function filtered(db: Db, request: { filter: AgentListFilter; times: HealthTimes }) {
  const all = conditions(request.filter, request.times);
  return db
    .selectFrom('agents')
    .where(all.length === 0 ? sql<SqlBool>`1 = 1` : sql<SqlBool>`${sql.join(all, sql` and `)}`);
}

export async function countAgents(db: Db, request: { filter: AgentListFilter; times: HealthTimes }) {
  const row = await filtered(db, request)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** One page of agents in a total order, continuing after `cursor` (keyset) or `offset`. */
export async function listAgentPage(
  db: Db,
  request: {
    filter: AgentListFilter;
    times: HealthTimes;
    sort: SortParam<AgentSortField>;
    limit: number;
    cursor?: string | undefined;
    offset?: number | undefined;
  },
): Promise<{ rows: AgentRow[]; nextCursor: string | null }> {
  const keys = sortKeys(request.sort, request.times);
  const after = positionOf(request, { sort: request.sort, keys: keys.length });
  let query = filtered(db, request)
    .selectAll('agents')
    .select(keys.map((key, index) => key.expression.as(`k${index}`)));
  if (after.length > 0) query = query.where(rowsAfter(keys, after));
  for (const key of keys) query = query.orderBy(key.expression, key.direction);
  if (request.offset) query = query.offset(request.offset);
  const rows: (AgentRow & Record<string, unknown>)[] = await query.limit(request.limit + 1).execute();
  const page = cutPage(rows, {
    limit: request.limit,
    sort: request.sort,
    keysOf: (row) => keys.map((_, index) => row[`k${index}`] as KeyValue),
  });
  return { rows: page.rows, nextCursor: page.nextCursor };
}

/** Every agent at the given locations: what a page's share of checks is computed from. */
export async function listAgentRowsAt(db: Db, locations: ReadonlySet<string>): Promise<AgentRow[]> {
  if (locations.size === 0) return [];
  return db
    .selectFrom('agents')
    .selectAll()
    .where('location', 'in', [...locations])
    .execute();
}

/** An agent as the API shows it, its health judged at `now`. */
export function toAgent(
  row: AgentRow,
  context: {
    now: number;
    serverStartedAtMs: number;
    checksAssigned: number;
    names: Map<string, string>;
    clockSkewThresholdMs: number;
  },
): Agent {
  const { now, checksAssigned, names, clockSkewThresholdMs } = context;
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    version: row.version,
    builtin: row.builtin === 1,
    hostname: row.hostname,
    enrolledAt: new Date(row.created_at).toISOString(),
    lastSeen: row.last_seen_at === null ? null : new Date(row.last_seen_at).toISOString(),
    backlog: row.backlog,
    oldestUnsent: row.oldest_unsent_at === null ? null : new Date(row.oldest_unsent_at).toISOString(),
    clockOffsetMs: row.clock_offset_ms,
    clockSkewed: row.clock_offset_ms !== null && Math.abs(row.clock_offset_ms) > clockSkewThresholdMs,
    browserAvailable: row.browser_available === null ? null : row.browser_available === 1,
    checksAssigned,
    unsupported: unsupportedOf(row).map((entry) => ({
      ...entry,
      checkName: names.get(entry.checkId) ?? null,
    })),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
    health: judgedHealth(row, { nowMs: now, serverStartedAtMs: context.serverStartedAtMs }),
  };
}
