import type { RequestContext, RunningServer } from '@ganzhi/server';
import { createSilentLogger, systemClock } from '@ganzhi/runtime';

/** The admin's verb context on a running test server, signed in as the console would (tests only). */
export async function adminContext(server: RunningServer, password: string): Promise<RequestContext> {
  const client = { requestId: null, clientAddress: '127.0.0.1' };
  const { sessionToken } = await server.services.auth.login({
    input: { username: 'admin', password },
    client,
  });
  const actor = await server.services.auth.actorFromSession({ sessionToken });
  if (!actor) throw new Error('the admin could not sign in');
  return { ...client, actor, clock: systemClock, logger: createSilentLogger() };
}
