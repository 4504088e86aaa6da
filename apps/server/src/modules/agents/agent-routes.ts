import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  agentGapListQuerySchema,
  agentGapPageSchema,
  agentListQuerySchema,
  agentPageSchema,
  createdEnrolmentTokenSchema,
  enrolmentTokenInputSchema,
  enrolmentTokenListQuerySchema,
  enrolmentTokenPageSchema,
  locationCodeSchema,
  locationInputSchema,
  locationListQuerySchema,
  locationPageSchema,
} from '@ganzhi/contracts';
import { contextOf } from '../../http/authenticate.js';
import type { AgentService } from './agent-service.js';
import type { EnrolmentTokenService } from './enrolment-token-service.js';
import type { LocationService } from './location-service.js';

/** The operator's side of agents: list, enrolment tokens, revocation, gaps, locations. */
export function agentRoutes(
  agents: AgentService,
  locations: LocationService,
  enrolmentTokens: EnrolmentTokenService,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/agents/enrolment-tokens',
      {
        config: { access: 'agents:read' },
        schema: {
          tags: ['agents'],
          summary:
            'Issued enrolment tokens (never the token itself), newest first (sort createdAt or expiresAt), filtered by location and state (unused, used, expired or revoked); a page, its total and the cursor of the next',
          querystring: enrolmentTokenListQuerySchema,
          response: { 200: enrolmentTokenPageSchema },
        },
      },
      async (request) => enrolmentTokens.listTokenPage({ ctx: contextOf(request), query: request.query }),
    );
    app.delete(
      '/agents/enrolment-tokens/:id',
      {
        config: { access: 'agents:manage', scope: 'province' },
        schema: {
          tags: ['agents'],
          summary: 'Revoke an unused enrolment token; enrolling with it then answers 401',
          params: z.object({ id: z.string().min(1).max(100) }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await enrolmentTokens.revokeToken({ ctx: contextOf(request), id: request.params.id });
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/agents',
      {
        config: { access: 'agents:read' },
        schema: {
          tags: ['agents'],
          summary:
            'Probe agents (the built-in one included) with location, version, backlog and health, by name (sort name, location, status or lastSeen), filtered; a page, its total and the cursor of the next',
          querystring: agentListQuerySchema,
          response: { 200: agentPageSchema },
        },
      },
      async (request) => agents.listAgentPage({ query: request.query }),
    );
    app.post(
      '/agents/enrolment-tokens',
      {
        config: { access: 'agents:manage', scope: 'province' },
        schema: {
          tags: ['agents'],
          summary: 'Issue a one-time enrolment token for `ganzhi agent --token`',
          body: enrolmentTokenInputSchema,
          response: { 201: createdEnrolmentTokenSchema },
        },
      },
      async (request, reply) => {
        const created = await enrolmentTokens.issueToken({ ctx: contextOf(request), input: request.body });
        return reply.code(201).send(created);
      },
    );
    app.post(
      '/agents/:id/revoke',
      {
        config: { access: 'agents:manage', scope: 'province', requestBody: 'none' },
        schema: {
          tags: ['agents'],
          summary: 'Revoke an agent: its credential stops working and its checks move to the others',
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await agents.revoke({ id: request.params.id });
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/agents/gaps',
      {
        config: { access: 'agents:read' },
        schema: {
          tags: ['agents'],
          summary:
            'Runs agents had to drop (buffer full or too old), newest first (sort fromTime or droppedRuns), filtered by agentId, location and reason; a page, its total and the cursor of the next',
          querystring: agentGapListQuerySchema,
          response: { 200: agentGapPageSchema },
        },
      },
      async (request) => agents.listGapPage({ query: request.query }),
    );
    app.get(
      '/locations',
      {
        config: { access: 'agents:read' },
        schema: {
          tags: ['agents'],
          summary:
            'Locations with their agents, checks and last hour of results, by code (sort code, name, agents or checks), filtered by text (code, name or site) and region; a page, its total and the cursor of the next',
          querystring: locationListQuerySchema,
          response: { 200: locationPageSchema },
        },
      },
      async (request) => locations.listLocationPage({ query: request.query }),
    );
    app.put(
      '/locations/:code',
      {
        config: { access: 'agents:manage', scope: 'province' },
        schema: {
          tags: ['agents'],
          summary: 'Name a location and map it to a region (city) and optionally a channel site',
          params: z.object({ code: locationCodeSchema }),
          body: locationInputSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await locations.saveLocation({ code: request.params.code, input: request.body });
        return reply.code(204).send(null);
      },
    );
    await Promise.resolve();
  };
}
