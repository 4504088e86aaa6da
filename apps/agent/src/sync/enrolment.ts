import { hostname } from 'node:os';
import { agentEnrolResultSchema } from '@ganzhi/contracts';
import { computeBackoffMs, type Clock, type Logger } from '@ganzhi/runtime';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { AgentUnauthorizedError, ServerRejectedError, type ServerClient } from './server-client.js';

const CREDENTIAL_KEY = 'credential';
const AGENT_ID_KEY = 'agentId';

export interface Identity {
  readonly agentId: string | null;
  readonly credential: string;
}

/** The enrolment token was refused: it is unknown, used, expired or for another location. */
export class EnrolmentRefusedError extends Error {
  override readonly name = 'EnrolmentRefusedError';
}

/**
 * The agent's identity: the credential saved in its store from an earlier enrolment, or a credential given as
 * `--token gza_…`, or — the first time — one obtained by exchanging the one-time enrolment token. The exchange is
 * retried while the server is unreachable; a refused token is an operator error and stops the agent.
 */
export async function obtainIdentity(deps: {
  store: OutboxStore;
  client: ServerClient;
  clock: Clock;
  logger: Logger;
  enrolment: { token: string | undefined; name: string; location: string; version: string };
  signal: AbortSignal;
}): Promise<Identity | undefined> {
  const { store, client, clock, logger, enrolment, signal } = deps;
  const saved = store.getState(CREDENTIAL_KEY);
  if (saved !== undefined) return { agentId: store.getState(AGENT_ID_KEY) ?? null, credential: saved };
  const token = enrolment.token;
  if (token === undefined)
    throw new EnrolmentRefusedError('this agent is not enrolled yet: pass --token with an enrolment token');
  if (token.startsWith('gza_')) {
    store.setState(CREDENTIAL_KEY, token);
    return { agentId: null, credential: token };
  }
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const { value } = await client.request({
        method: 'POST',
        path: 'api/v1/agent/enrol',
        parser: agentEnrolResultSchema,
        bearer: token,
        body: {
          name: enrolment.name,
          location: enrolment.location,
          version: enrolment.version,
          hostname: hostname(),
        },
        timeoutMs: 15_000,
        signal,
      });
      store.setState(CREDENTIAL_KEY, value.credential);
      store.setState(AGENT_ID_KEY, value.agentId);
      logger.info({ agentId: value.agentId, location: enrolment.location }, 'enrolled');
      return { agentId: value.agentId, credential: value.credential };
    } catch (error) {
      if (error instanceof AgentUnauthorizedError || error instanceof ServerRejectedError)
        throw new EnrolmentRefusedError(`enrolment refused: ${error.message}`);
      if (attempt === 0)
        logger.warn({ reason: (error as Error).message }, 'cannot reach the server to enrol; retrying');
      await clock.sleep(Math.max(200, computeBackoffMs(attempt, { initialMs: 1000, maxMs: 30_000 })), signal);
    }
  }
  return undefined;
}
