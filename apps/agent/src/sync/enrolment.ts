import { hostname } from 'node:os';
import { join } from 'node:path';
import { agentEnrolResultSchema } from '@ganzhi/contracts';
import { computeBackoffMs, type Clock, type Logger } from '@ganzhi/runtime';
import type { OutboxStore } from '../outbox/outbox-store.js';
import {
  CREDENTIAL_FILE,
  readCredentialFile,
  writeCredentialFile,
  type SavedIdentity,
} from './credential-file.js';
import { AgentUnauthorizedError, ServerRejectedError, type ServerClient } from './server-client.js';

// Where agents before the credential file kept their identity: moved out of the outbox on first start.
const LEGACY_CREDENTIAL_KEY = 'credential';
const LEGACY_AGENT_ID_KEY = 'agentId';

export interface Identity {
  readonly agentId: string | null;
  readonly credential: string;
}

/** The enrolment token was refused: it is unknown, used, expired or for another location. */
export class EnrolmentRefusedError extends Error {
  override readonly name = 'EnrolmentRefusedError';
}

/** Moves a credential an older agent kept in the outbox into the credential file, and out of the outbox. */
function moveLegacyCredential(store: OutboxStore, path: string): SavedIdentity | undefined {
  const credential = store.getState(LEGACY_CREDENTIAL_KEY);
  if (credential === undefined) return undefined;
  const identity = { agentId: store.getState(LEGACY_AGENT_ID_KEY) ?? null, credential };
  writeCredentialFile(path, identity);
  store.deleteState(LEGACY_CREDENTIAL_KEY);
  store.deleteState(LEGACY_AGENT_ID_KEY);
  return identity;
}

/**
 * The agent's identity: the credential saved (in its own 0600 file beside the outbox) from an earlier enrolment, or a credential given as
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
  const path = join(store.directory, CREDENTIAL_FILE);
  const saved = readCredentialFile(path) ?? moveLegacyCredential(store, path);
  if (saved !== undefined) return saved;
  const token = enrolment.token;
  if (token === undefined)
    throw new EnrolmentRefusedError('this agent is not enrolled yet: pass --token with an enrolment token');
  if (token.startsWith('gza_')) {
    const identity = { agentId: null, credential: token };
    writeCredentialFile(path, identity);
    return identity;
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
      writeCredentialFile(path, { agentId: value.agentId, credential: value.credential });
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
