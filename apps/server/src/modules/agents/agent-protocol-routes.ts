import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agentAssignmentsSchema,
  agentEnrolInputSchema,
  agentEnrolResultSchema,
  agentHeartbeatReplySchema,
  agentHeartbeatSchema,
  agentRunBatchResultSchema,
  agentRunBatchSchema,
  agentTransactionBatchSchema,
  ingestResultSchema,
  type IngestResult,
} from '@ganzhi/contracts';
import { UnauthenticatedError } from '@ganzhi/runtime';
import { bearerOf } from '../../http/authenticate.js';
import type { AgentIdentity, AgentService } from './agent-service.js';

/** Uploads carry screenshots inline; a batch may be larger than ordinary API bodies. */
export const AGENT_UPLOAD_BODY_LIMIT = 64 * 1024 * 1024;
const MAX_WAIT_MS = 60_000;

/** The enrolled agent behind an `access: 'agent'` route (resolved by the access-control hook). */
function requireAgent(request: FastifyRequest): AgentIdentity {
  const actor = request.actor;
  if (actor?.kind !== 'agent') throw new UnauthenticatedError('unknown or revoked agent credential');
  return { id: actor.agentId, name: actor.name, location: actor.location };
}

export interface AgentProtocolDeps {
  readonly agents: AgentService;
  /** Passive ingestion, for the records agents read from the logs they tail. */
  readonly transactions: { ingest(records: readonly unknown[]): Promise<IngestResult> };
}

/**
 * The agent ⇄ server protocol under /agent: enrolment with a one-time token (public), then everything with the
 * agent's own credential. A revoked or unknown credential gets 401; the agent keeps its buffer and retries.
 */
export function agentProtocolRoutes({ agents, transactions }: AgentProtocolDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/agent/enrol',
      {
        config: { access: 'public', audit: 'none' },
        schema: {
          tags: ['agent protocol'],
          summary: 'Exchange a one-time enrolment token (bearer) for an agent credential',
          body: agentEnrolInputSchema,
          response: { 201: agentEnrolResultSchema },
        },
      },
      async (request, reply) => {
        const enrolmentToken = bearerOf(request);
        if (!enrolmentToken) throw new UnauthenticatedError('send the enrolment token as a bearer token');
        return reply.code(201).send(await agents.enrol({ enrolmentToken, input: request.body }));
      },
    );

    app.post(
      '/agent/heartbeat',
      {
        config: { access: 'agent', audit: 'none' },
        schema: {
          tags: ['agent protocol'],
          summary: 'Agent status: version, backlog, clock offset, browser, unsupported checks',
          body: agentHeartbeatSchema,
          response: { 200: agentHeartbeatReplySchema },
        },
      },
      async (request) => agents.heartbeat(requireAgent(request), request.body),
    );

    app.get(
      '/agent/assignments',
      {
        config: { access: 'agent' },
        schema: {
          tags: ['agent protocol'],
          summary:
            'The checks this agent runs; with ?version= the answer waits (long poll) until they change',
          querystring: z.object({
            version: z.string().max(64).optional(),
            waitMs: z.coerce.number().int().min(0).max(MAX_WAIT_MS).default(0),
          }),
          response: { 200: agentAssignmentsSchema },
        },
      },
      async (request, reply) => {
        const gone = new AbortController();
        reply.raw.once('close', () => gone.abort());
        return agents.waitForAssignments(requireAgent(request), {
          knownVersion: request.query.version,
          waitMs: request.query.version === undefined ? 0 : request.query.waitMs,
          signal: gone.signal,
        });
      },
    );

    app.post(
      '/agent/runs',
      {
        config: { access: 'agent', audit: 'none' },
        bodyLimit: AGENT_UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['agent protocol'],
          summary: 'Upload buffered runs and gap records; idempotent by run id, per-run errors listed',
          body: agentRunBatchSchema,
          response: { 200: agentRunBatchResultSchema },
        },
      },
      async (request) => agents.uploadRuns(requireAgent(request), request.body),
    );

    app.post(
      '/agent/transactions',
      {
        config: { access: 'agent', audit: 'none' },
        bodyLimit: AGENT_UPLOAD_BODY_LIMIT,
        schema: {
          tags: ['agent protocol'],
          summary: 'Upload transaction records read from tailed logs; a repeated external id is counted once',
          body: agentTransactionBatchSchema,
          response: { 200: ingestResultSchema },
        },
      },
      async (request) => {
        requireAgent(request);
        return transactions.ingest(request.body.records);
      },
    );
    await Promise.resolve();
  };
}
