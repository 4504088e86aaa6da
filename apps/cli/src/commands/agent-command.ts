import {
  AgentConfigError,
  EnrolmentRefusedError,
  parseAgentConfig,
  startAgent,
  type AgentConfig,
} from '@ganzhi/agent';
import { GANZHI_VERSION } from '@ganzhi/server';
import { createLogger } from '@ganzhi/runtime';
import { output } from '../cli-output.js';

export interface AgentOptions {
  readonly server?: string;
  readonly token?: string;
  readonly location?: string;
  readonly name?: string;
  readonly dataDir?: string;
  readonly concurrency?: string;
  readonly speedup?: string;
  readonly tailConfig?: string;
}

function configFrom(options: AgentOptions): AgentConfig | undefined {
  try {
    return parseAgentConfig(process.env, {
      server: options.server,
      token: options.token,
      location: options.location,
      name: options.name,
      dataDir: options.dataDir,
      concurrency: options.concurrency,
      speedup: options.speedup,
      tailConfig: options.tailConfig,
    });
  } catch (error) {
    if (!(error instanceof AgentConfigError)) throw error;
    output.error(error.message);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * `ganzhi agent`: a remote agent for one location. Runs until SIGINT/SIGTERM, then waits for runs in flight to be
 * committed to its outbox; anything not yet uploaded is sent after the next start.
 */
export async function agentCommand(options: AgentOptions): Promise<void> {
  const config = configFrom(options);
  if (!config) return;
  const logger = createLogger({ level: config.logLevel, name: 'ganzhi-agent' });
  let agent;
  try {
    agent = await startAgent(config, { logger, version: GANZHI_VERSION });
  } catch (error) {
    if (!(error instanceof EnrolmentRefusedError)) throw error;
    output.error(error.message);
    process.exitCode = 2;
    return;
  }
  if (!agent) return;
  const running = agent;
  output.line(
    `Ganzhi agent "${config.name}" at ${config.location} → ${config.server} (buffer ${running.store.stats().runs} runs in ${config.dataDir})`,
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    output.line(`${signal} received, committing in-flight runs…`);
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
