import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type {
  AgentGap,
  AgentGapListQuery,
  AgentGapRecord,
  AgentHealth,
  AgentHeartbeat,
  EnrolmentToken,
  EnrolmentTokenListQuery,
  Page,
  UnsupportedCheck,
} from '@ganzhi/contracts';
import type { KeyValue } from '../../db/keyset-page.js';
import { allOf, pageOfQuery, sortKeysOf } from '../../db/list-page.js';
import type { AgentTable, DatabaseSchema, EnrolmentTokenTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;
export type AgentRow = Selectable<AgentTable>;

/** An agent reports every 10 s (heartbeat) and long-polls its assignments; these bounds follow from that. */
export const AGENT_TIMING = {
  heartbeatMs: 10_000,
  /** Seen within this window: the agent takes its share of its location's checks. */
  liveWithinMs: 30_000,
  /** Silent longer than this: down (a platform event is raised). */
  downAfterMs: 90_000,
} as const;

export function agentHealth(row: Pick<AgentRow, 'last_seen_at' | 'revoked_at'>, nowMs: number): AgentHealth {
  if (row.revoked_at !== null) return 'revoked';
  const lastSeen = row.last_seen_at;
  if (lastSeen === null || nowMs - lastSeen > AGENT_TIMING.downAfterMs) return 'down';
  return nowMs - lastSeen > AGENT_TIMING.liveWithinMs ? 'stale' : 'healthy';
}

export function isLive(row: AgentRow, nowMs: number): boolean {
  return (
    row.revoked_at === null &&
    row.last_seen_at !== null &&
    nowMs - row.last_seen_at <= AGENT_TIMING.liveWithinMs
  );
}

export function supportedKindsOf(row: AgentRow): Set<string> {
  return new Set(JSON.parse(row.supported_kinds_json) as string[]);
}

export function unsupportedOf(row: AgentRow): UnsupportedCheck[] {
  return JSON.parse(row.unsupported_json) as UnsupportedCheck[];
}

export interface NewAgent {
  readonly id: string;
  readonly name: string;
  readonly location: string;
  readonly version: string;
  readonly builtin: boolean;
  readonly hostname: string | null;
  readonly credentialHash: string | null;
  readonly supportedKinds: readonly string[];
  readonly browserAvailable: boolean | null;
}

/** Inserts an agent, or refreshes the built-in one on each start. */
export async function upsertAgent(db: Db, agent: NewAgent, nowMs: number): Promise<void> {
  const refreshed = {
    name: agent.name,
    location: agent.location,
    version: agent.version,
    hostname: agent.hostname,
    last_seen_at: nowMs,
    supported_kinds_json: JSON.stringify(agent.supportedKinds),
    browser_available: agent.browserAvailable === null ? null : agent.browserAvailable ? 1 : 0,
  };
  await db
    .insertInto('agents')
    .values({
      id: agent.id,
      builtin: agent.builtin ? 1 : 0,
      backlog: 0,
      created_at: nowMs,
      credential_hash: agent.credentialHash,
      revoked_at: null,
      oldest_unsent_at: null,
      clock_offset_ms: agent.builtin ? 0 : null,
      unsupported_json: '[]',
      health_state: 'healthy',
      ...refreshed,
    })
    .onConflict((conflict) => conflict.column('id').doUpdateSet(refreshed))
    .execute();
}

export async function findAgentByCredential(db: Db, credentialHash: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('credential_hash', '=', credentialHash).executeTakeFirst();
}

export async function findAgent(db: Db, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAgentRows(db: Db): Promise<AgentRow[]> {
  return db.selectFrom('agents').selectAll().orderBy('location').orderBy('name').execute();
}

export async function touchAgent(db: Db, id: string, nowMs: number): Promise<void> {
  await db.updateTable('agents').set({ last_seen_at: nowMs }).where('id', '=', id).execute();
}

export async function recordHeartbeat(
  db: Db,
  id: string,
  heartbeat: Omit<AgentHeartbeat, 'oldestUnsentAt'> & { oldestUnsentAtMs: number | null; nowMs: number },
): Promise<void> {
  const { nowMs } = heartbeat;
  await db
    .updateTable('agents')
    .set({
      last_seen_at: nowMs,
      version: heartbeat.version,
      location: heartbeat.location,
      hostname: heartbeat.hostname,
      backlog: heartbeat.backlog,
      oldest_unsent_at: heartbeat.oldestUnsentAtMs,
      clock_offset_ms: heartbeat.clockOffsetMs === null ? null : Math.round(heartbeat.clockOffsetMs),
      browser_available: heartbeat.browserAvailable ? 1 : 0,
      supported_kinds_json: JSON.stringify(heartbeat.supportedKinds),
      unsupported_json: JSON.stringify(heartbeat.unsupported),
    })
    .where('id', '=', id)
    .execute();
}

export async function revokeAgent(db: Db, id: string, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('agents')
    .set({ revoked_at: nowMs })
    .where('id', '=', id)
    .where('builtin', '=', 0)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function setHealthState(db: Db, id: string, state: AgentHealth): Promise<void> {
  await db.updateTable('agents').set({ health_state: state }).where('id', '=', id).execute();
}

// ---- enrolment tokens ----

export async function insertEnrolmentToken(
  db: Db,
  token: {
    id: string;
    hash: string;
    location: string | null;
    createdBy: string;
    nowMs: number;
    expiresAtMs: number;
  },
): Promise<void> {
  await db
    .insertInto('enrolment_tokens')
    .values({
      id: token.id,
      token_hash: token.hash,
      location: token.location,
      created_by: token.createdBy,
      created_at: token.nowMs,
      expires_at: token.expiresAtMs,
      used_at: null,
      agent_id: null,
      revoked_at: null,
    })
    .execute();
}

/** One page of enrolment tokens in a total order (the id breaks ties), with the total the filters select. */
export function listEnrolmentTokenPage<T>(
  db: Db,
  request: { query: EnrolmentTokenListQuery; nowMs: number; toItem: (row: EnrolmentTokenTable) => T },
): Promise<Page<T>> {
  const { query, nowMs } = request;
  const all: RawBuilder<SqlBool>[] = [];
  if (query.location !== undefined) all.push(sql<SqlBool>`enrolment_tokens.location = ${query.location}`);
  const open = sql<SqlBool>`enrolment_tokens.used_at is null and enrolment_tokens.revoked_at is null`;
  const states: Record<EnrolmentToken['state'], RawBuilder<SqlBool>> = {
    used: sql<SqlBool>`enrolment_tokens.used_at is not null`,
    revoked: sql<SqlBool>`enrolment_tokens.used_at is null and enrolment_tokens.revoked_at is not null`,
    expired: sql<SqlBool>`${open} and enrolment_tokens.expires_at <= ${nowMs}`,
    unused: sql<SqlBool>`${open} and enrolment_tokens.expires_at > ${nowMs}`,
  };
  if (query.state !== undefined) all.push(states[query.state]);
  const keys = sortKeysOf(query.sort, {
    columns: {
      createdAt: sql<KeyValue>`enrolment_tokens.created_at`,
      expiresAt: sql<KeyValue>`enrolment_tokens.expires_at`,
    },
    unique: sql<KeyValue>`enrolment_tokens.id`,
  });
  const filtered = db.selectFrom('enrolment_tokens').selectAll('enrolment_tokens').where(allOf(all));
  return pageOfQuery(filtered, { ...query, keys, toItem: request.toItem });
}

/**
 * Revokes an unused token by moving its expiry to now (a used one has done its work: revoke the agent instead);
 * returns whether a token was revoked.
 */
export async function revokeEnrolmentToken(db: Db, id: string, nowMs: number): Promise<boolean> {
  const result = await db
    .updateTable('enrolment_tokens')
    .set({ expires_at: nowMs, revoked_at: nowMs })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks an unused, unexpired token used by `agentId`; returns its row, or undefined when it cannot be used. */
export async function consumeEnrolmentToken(
  db: Db,
  hash: string,
  use: { agentId: string; nowMs: number },
): Promise<{ location: string | null } | undefined> {
  const row = await db
    .selectFrom('enrolment_tokens')
    .select(['id', 'location'])
    .where('token_hash', '=', hash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', use.nowMs)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await db
    .updateTable('enrolment_tokens')
    .set({ used_at: use.nowMs, agent_id: use.agentId })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? { location: row.location } : undefined;
}

// ---- gaps ----

/** Stores a gap once per (agent, gap id); returns whether it was new. */
export async function insertGapOnce(
  db: Db,
  gap: AgentGap & { agentId: string; location: string },
  nowMs: number,
): Promise<boolean> {
  const result = await db
    .insertInto('agent_gaps')
    .values({
      agent_id: gap.agentId,
      id: gap.id,
      location: gap.location,
      from_at: Date.parse(gap.fromTime),
      to_at: Date.parse(gap.toTime),
      dropped_runs: gap.droppedRuns,
      reason: gap.reason,
      by_check_json: JSON.stringify(gap.byCheck),
      received_at: nowMs,
    })
    .onConflict((conflict) => conflict.columns(['agent_id', 'id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * One page of reported gaps in a total order (agent and gap id break ties), with the total the filters select.
 */
export function listGapPage(db: Db, query: AgentGapListQuery): Promise<Page<AgentGapRecord>> {
  const all: RawBuilder<SqlBool>[] = [];
  if (query.agentId !== undefined) all.push(sql<SqlBool>`agent_gaps.agent_id = ${query.agentId}`);
  if (query.location !== undefined) all.push(sql<SqlBool>`agent_gaps.location = ${query.location}`);
  if (query.reason !== undefined) all.push(sql<SqlBool>`agent_gaps.reason = ${query.reason}`);
  const keys = sortKeysOf(query.sort, {
    columns: {
      fromTime: sql<KeyValue>`agent_gaps.from_at`,
      droppedRuns: sql<KeyValue>`agent_gaps.dropped_runs`,
    },
    unique: sql<KeyValue>`(agent_gaps.agent_id || '/' || agent_gaps.id)`,
  });
  const filtered = db
    .selectFrom('agent_gaps')
    .innerJoin('agents', 'agents.id', 'agent_gaps.agent_id')
    .selectAll('agent_gaps')
    .select('agents.name as agent_name')
    .where(allOf(all));
  return pageOfQuery(filtered, {
    ...query,
    keys,
    toItem: (row) => ({
      id: row.id,
      agentId: row.agent_id,
      agentName: row.agent_name,
      location: row.location,
      fromTime: new Date(row.from_at).toISOString(),
      toTime: new Date(row.to_at).toISOString(),
      droppedRuns: row.dropped_runs,
      reason: row.reason as AgentGap['reason'],
      byCheck: JSON.parse(row.by_check_json) as Record<string, number>,
      receivedAt: new Date(row.received_at).toISOString(),
    }),
  });
}
