import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAgentConfig, startAgent, type RunningAgent } from '@ganzhi/agent';
import { GANZHI_VERSION, systemContext, type RunningServer } from '@ganzhi/server';
import { systemClock, type Logger } from '@ganzhi/runtime';

/** Cities whose remote agents the demo runs beside the built-in one, so the console shows distributed probing. */
export const DEMO_AGENT_LOCATIONS = ['changsha', 'yueyang'] as const;

/**
 * Starts one real agent per demo city inside this process. They enrol with a one-time token the first time and
 * talk to the server over HTTP like any remote agent; their outboxes live under the server's data directory.
 */
export async function startDemoAgents(
  server: RunningServer,
  options: { dataDir: string; logger: Logger },
): Promise<RunningAgent[]> {
  const agents: RunningAgent[] = [];
  for (const location of DEMO_AGENT_LOCATIONS) {
    const dataDir = join(options.dataDir, 'demo-agents', location);
    const token = existsSync(join(dataDir, 'outbox.db'))
      ? undefined
      : (
          await server.services.enrolmentTokens.issueToken({
            ctx: systemContext({ clock: systemClock, logger: options.logger }),
            input: { location, expiresInHours: 1 },
          })
        ).token;
    const config = parseAgentConfig(
      {},
      {
        server: server.url,
        location,
        name: `demo-${location}`,
        dataDir,
        concurrency: 4,
        ...(token ? { token } : {}),
      },
    );
    const agent = await startAgent(config, {
      logger: options.logger.child({ agent: location }),
      version: GANZHI_VERSION,
    });
    if (agent) agents.push(agent);
  }
  return agents;
}
