import type { Clock, Logger } from '@ganzhi/runtime';
import { SYSTEM_ACTOR, type Actor } from './actor.js';

/**
 * What every service verb receives: who acts, under which request, by which clock, logging where. Verbs authorise
 * and audit on it, so a route cannot forget to.
 */
export interface RequestContext {
  readonly actor: Actor;
  readonly requestId: string | null;
  readonly clientAddress: string | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The context of work the server does by itself (jobs, the built-in agent, bootstrap). */
export function systemContext(deps: { clock: Clock; logger: Logger }): RequestContext {
  return {
    actor: SYSTEM_ACTOR,
    requestId: null,
    clientAddress: null,
    clock: deps.clock,
    logger: deps.logger,
  };
}
