import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import type { Kysely } from 'kysely';
import {
  type Agent,
  type AgentGapListQuery,
  type AgentListQuery,
  type AgentAssignments,
  type AgentEnrolInput,
  type AgentEnrolResult,
  type AgentHeartbeat,
  type AgentRunBatchResult,
  type AgentGap,
  type Check,
  type Page,
} from '@ganzhi/contracts';
import {
  NotFoundError,
  UnauthenticatedError,
  ValidationError,
  ForbiddenError,
  type Clock,
  type Logger,
} from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { createOpaqueToken, hashOpaqueToken } from '../auth/index.js';
import type { CheckService } from '../checks/index.js';
import type { EventService } from '../events/index.js';
import type { RunService } from '../runs/index.js';
import {
  consumeEnrolmentToken,
  findAgent,
  findAgentByCredential,
  insertGapOnce,
  isLive,
  listAgentRows,
  listGapPage,
  recordHeartbeat,
  revokeAgent,
  setHealthState,
  supportedKindsOf,
  touchAgent,
  upsertAgent,
  type AgentRow,
} from './agent-repository.js';
import {
  countAgents,
  listAgentPage,
  listAgentRowsAt,
  toAgent,
  type AgentListFilter,
} from './agent-list-repository.js';
import { createAgentMonitor } from './agent-monitor.js';
import { assignChecks, assignmentVersion } from './check-assignment.js';
import { ensureLocation } from './location-repository.js';
import { prepareUploadedRuns } from './uploaded-runs.js';

export const BUILTIN_LOCATION = 'local';

/** The agent behind an authenticated protocol request. */
export interface AgentIdentity {
  readonly id: string;
  readonly name: string;
  readonly location: string;
}

export interface AgentServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly checks: CheckService;
  readonly runs: RunService;
  readonly events: EventService;
  /** Run times from an agent whose clock is off by more than this are shifted by the measured offset. */
  readonly clockSkewThresholdMs: number;
  /** When this server started (default: when the service is created), for the down detector's grace. */
  readonly serverStartedAtMs?: number;
}

const TOUCH_EVERY_MS = 2000;

/** `local` belongs to the built-in agent: no enrolment token or remote agent may claim it. */
export function assertNotReserved(location: string | undefined): void {
  if (location === BUILTIN_LOCATION)
    throw new ValidationError('the location is reserved', [
      { path: 'location', message: `"${BUILTIN_LOCATION}" is the built-in agent's location` },
    ]);
}

export function createAgentService(deps: AgentServiceDeps) {
  const { db, clock, logger, clockSkewThresholdMs } = deps;
  const serverStartedAtMs = deps.serverStartedAtMs ?? clock.now();
  // Long polls wait on this; it fires when checks change or a location's set of live agents does.
  const changes = new EventEmitter().setMaxListeners(0);
  const releaseAll = new AbortController();
  const lastTouched = new Map<string, number>();

  function notifyChanged(): void {
    changes.emit('change');
  }

  /** The share of a location's checks each live agent there takes (the asking agent counts as live). */
  function shareOf(
    location: string,
    world: { rows: readonly AgentRow[]; checks: readonly Check[]; askingId?: string },
  ): Map<string, Check[]> {
    const now = clock.now();
    const live = world.rows.filter(
      (row) =>
        row.location === location && row.builtin === 0 && (row.id === world.askingId || isLive(row, now)),
    );
    return assignChecks(
      world.checks.filter((check) => check.enabled && check.locations.includes(location)),
      live.map((row) => ({ id: row.id, supportedKinds: supportedKindsOf(row) })),
    );
  }

  async function assignmentsOf(agent: AgentIdentity): Promise<{ version: string; checks: Check[] }> {
    const [rows, checks] = await Promise.all([listAgentRows(db), deps.checks.listChecks()]);
    const shares = shareOf(agent.location, { rows, checks, askingId: agent.id });
    const mine = shares.get(agent.id) ?? [];
    return { version: assignmentVersion(mine), checks: mine };
  }

  /** Agents as the API shows them; `world` holds every agent at their locations, for their shares of checks. */
  async function describeAgents(rows: readonly AgentRow[], world: readonly AgentRow[]): Promise<Agent[]> {
    const now = clock.now();
    const checks = await deps.checks.listChecks();
    const names = new Map(checks.map((check) => [check.id, check.name]));
    const assigned = new Map<string, number>();
    for (const location of new Set(rows.map((row) => row.location))) {
      if (location === BUILTIN_LOCATION) continue;
      for (const [id, share] of shareOf(location, { rows: world, checks })) assigned.set(id, share.length);
    }
    const builtinCount = checks.filter(
      (check) => check.enabled && check.locations.includes(BUILTIN_LOCATION),
    ).length;
    return rows.map((row) =>
      toAgent(row, {
        now,
        serverStartedAtMs,
        names,
        checksAssigned: row.builtin === 1 ? builtinCount : (assigned.get(row.id) ?? 0),
        clockSkewThresholdMs: deps.clockSkewThresholdMs,
      }),
    );
  }

  return {
    notifyChanged,

    /** Ends every waiting long poll (shutdown). */
    releaseWaiters(): void {
      releaseAll.abort();
    },

    async registerBuiltin(agent: {
      id: string;
      version: string;
      supportedKinds: readonly string[];
      browserAvailable: boolean;
    }) {
      await upsertAgent(
        db,
        {
          ...agent,
          name: 'built-in',
          location: BUILTIN_LOCATION,
          builtin: true,
          hostname: null,
          credentialHash: null,
        },
        clock.now(),
      );
      await ensureLocation(
        db,
        { code: BUILTIN_LOCATION, name: 'built-in (server)', regionCode: null, site: null },
        clock.now(),
      );
    },

    async builtinHeartbeat(id: string): Promise<void> {
      await touchAgent(db, id, clock.now());
    },

    /** Exchanges a one-time enrolment token for the agent's own credential. */
    async enrol({
      enrolmentToken,
      input,
    }: {
      enrolmentToken: string;
      input: AgentEnrolInput;
    }): Promise<AgentEnrolResult> {
      assertNotReserved(input.location);
      const agentId = randomUUID();
      const now = clock.now();
      const { token: credential, hash } = createOpaqueToken('gza');
      await db.transaction().execute(async (trx) => {
        const token = await consumeEnrolmentToken(trx, hashOpaqueToken(enrolmentToken), {
          agentId,
          nowMs: now,
        });
        if (!token) throw new UnauthenticatedError('the enrolment token is unknown, used or expired');
        if (token.location !== null && token.location !== input.location)
          throw new UnauthenticatedError(`the enrolment token is for location "${token.location}"`);
        await upsertAgent(
          trx,
          {
            id: agentId,
            name: input.name,
            location: input.location,
            version: input.version,
            builtin: false,
            hostname: input.hostname,
            credentialHash: hash,
            supportedKinds: [],
            browserAvailable: null,
          },
          now,
        );
        const region = await trx
          .selectFrom('regions')
          .select('code')
          .where('code', '=', input.location)
          .executeTakeFirst();
        await ensureLocation(
          trx,
          { code: input.location, name: input.location, regionCode: region?.code ?? null, site: null },
          now,
        );
      });
      await deps.events.raise({
        kind: 'agent_enrolled',
        severity: 'info',
        subject: `agent:${agentId}`,
        message: `agent "${input.name}" enrolled at ${input.location}`,
      });
      notifyChanged();
      return { agentId, credential };
    },

    /** The agent a credential belongs to, or null (unknown or revoked: the caller answers 401). */
    async authenticate(credential: string): Promise<AgentIdentity | null> {
      const row = await findAgentByCredential(db, hashOpaqueToken(credential));
      if (!row || row.revoked_at !== null) return null;
      const now = clock.now();
      if (now - (lastTouched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
        lastTouched.set(row.id, now);
        const wasLive = isLive(row, now);
        await touchAgent(db, row.id, now);
        if (!wasLive) notifyChanged();
      }
      return { id: row.id, name: row.name, location: row.location };
    },

    async heartbeat(agent: AgentIdentity, heartbeat: AgentHeartbeat): Promise<{ serverTime: string }> {
      // The location is fixed at enrolment (a token may be bound to one): an agent cannot move itself to where
      // other checks run, and so upload runs for them.
      if (heartbeat.location !== agent.location)
        throw new ForbiddenError(
          `this agent is enrolled at ${agent.location}; enrol it again to move it to ${heartbeat.location}`,
        );
      const { oldestUnsentAt, ...rest } = heartbeat;
      await recordHeartbeat(db, agent.id, {
        ...rest,
        oldestUnsentAtMs: oldestUnsentAt === null ? null : Date.parse(oldestUnsentAt),
        nowMs: clock.now(),
      });
      return { serverTime: new Date(clock.now()).toISOString() };
    },

    /**
     * The agent's current checks. With `knownVersion` equal to the current one, waits up to `waitMs` for a
     * change (long poll) and then answers `changed: false`.
     */
    async waitForAssignments(
      agent: AgentIdentity,
      options: { knownVersion: string | undefined; waitMs: number; signal: AbortSignal },
    ): Promise<AgentAssignments> {
      const deadline = AbortSignal.timeout(options.waitMs);
      const stop = AbortSignal.any([deadline, options.signal, releaseAll.signal]);
      for (;;) {
        // Subscribe before reading, so a change between the read and the wait is not missed.
        const changed = once(changes, 'change', { signal: stop }).catch(() => undefined);
        const current = await assignmentsOf(agent);
        if (current.version !== options.knownVersion || stop.aborted) {
          const same = current.version === options.knownVersion;
          return {
            version: current.version,
            changed: !same,
            checks: same ? [] : current.checks,
            serverTime: new Date(clock.now()).toISOString(),
          };
        }
        await changed;
      }
    },

    /**
     * Stores an uploaded batch: each valid run exactly once (replays count as duplicates); runs that are malformed,
     * of deleted checks or not this agent's to deliver are listed with their reasons. No run can fail the batch.
     */
    async uploadRuns(
      agent: AgentIdentity,
      batch: { runs: readonly unknown[]; gaps: readonly AgentGap[] },
    ): Promise<AgentRunBatchResult> {
      const checks = new Map((await deps.checks.listChecks()).map((check) => [check.id, check]));
      const context = { checks, agent, clockSkewThresholdMs, nowMs: clock.now() };
      const { entries, rejected } = prepareUploadedRuns(batch.runs, context);
      const flags = entries.length > 0 ? await deps.runs.recordRuns(entries) : [];
      const stored = flags.filter(Boolean).length;
      let gapsStored = 0;
      for (const gap of batch.gaps) {
        if (!(await insertGapOnce(db, { ...gap, agentId: agent.id, location: agent.location }, clock.now())))
          continue;
        gapsStored += 1;
        await deps.events.raise({
          kind: 'agent_gap',
          severity: 'warning',
          subject: `agent:${agent.id}`,
          message: `agent "${agent.name}" at ${agent.location} dropped ${gap.droppedRuns} runs (${gap.reason}) from ${gap.fromTime} to ${gap.toTime}`,
          details: gap,
        });
      }
      if (rejected.length > 0)
        logger.warn({ agentId: agent.id, rejected: rejected.slice(0, 5) }, 'agent upload had rejected runs');
      return {
        stored,
        duplicates: flags.length - stored,
        rejected,
        gapsStored,
        serverTime: new Date(clock.now()).toISOString(),
      };
    },

    /** Every agent (the down detector's tests and the server's own readers; the API serves pages). */
    async listAgents(): Promise<Agent[]> {
      const rows = await listAgentRows(db);
      return describeAgents(rows, rows);
    },

    /** A page of agents in the shared list contract (keyset cursor or offset), with the total the filter selects. */
    async listAgentPage({ query }: { query: AgentListQuery }): Promise<Page<Agent>> {
      const times = { nowMs: clock.now(), serverStartedAtMs };
      const filter: AgentListFilter = {
        location: query.location,
        status: query.status,
        foldedText: query.text?.toLowerCase(),
      };
      const [page, total] = await Promise.all([
        listAgentPage(db, { ...query, filter, times }),
        countAgents(db, { filter, times }),
      ]);
      const world = await listAgentRowsAt(db, new Set(page.rows.map((row) => row.location)));
      return { items: await describeAgents(page.rows, world), total, nextCursor: page.nextCursor };
    },

    async revoke({ id }: { id: string }): Promise<void> {
      const row = await findAgent(db, id);
      if (!row) throw new NotFoundError('agent', id);
      if (row.builtin === 1) throw new ValidationError('the built-in agent cannot be revoked', []);
      if (!(await revokeAgent(db, id, clock.now()))) return;
      await setHealthState(db, id, 'revoked');
      await deps.events.raise({
        kind: 'agent_revoked',
        severity: 'warning',
        subject: `agent:${id}`,
        message: `agent "${row.name}" at ${row.location} was revoked`,
      });
      notifyChanged();
    },

    /** A page of the runs agents reported dropping, filtered and sorted as asked. */
    listGapPage: ({ query }: { query: AgentGapListQuery }) => listGapPage(db, query),

    /** The down detector's cycle (see agent-monitor.ts), run every few seconds by a job. */
    monitor: createAgentMonitor({
      db,
      clock,
      events: deps.events,
      serverStartedAtMs,
      onMembershipChanged: notifyChanged,
    }),
  };
}

export type AgentService = ReturnType<typeof createAgentService>;
