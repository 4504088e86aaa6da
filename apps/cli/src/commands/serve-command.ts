import { access, constants } from 'node:fs/promises';
import {
  systemContext,
  ConfigError,
  parseServerConfig,
  startServer,
  type RunningServer,
} from '@ganzhi/server';
import { demoCheckDefinitions, startDemoBackend, type DemoBackend } from '@ganzhi/demo';
import { checkInputSchema } from '@ganzhi/contracts';
import { createLogger, createSilentLogger, systemClock } from '@ganzhi/runtime';
import type { RunningAgent } from '@ganzhi/agent';
import { output } from '../cli-output.js';
import { DEMO_AGENT_LOCATIONS, startDemoAgents } from './demo-agents.js';
import { startDemoTraffic, type DemoTraffic } from './demo-traffic.js';
import { startDemoResources, type DemoResources } from './demo-resources.js';

export interface ServeOptions {
  readonly port?: string;
  readonly host?: string;
  readonly dataDir?: string;
  readonly demo?: boolean;
}

/** True when the built-in agent can run browser steps (the same test the server's probing setup makes). */
async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Creates or refreshes the demo checks so they point at this run's demo back end. The browser journey is left out
 * without Chromium: the server refuses checks with steps their location cannot run, and would refuse them all.
 */
async function applyDemoChecks(
  server: RunningServer,
  demo: DemoBackend,
  options: { readonly hasChromium: boolean },
): Promise<number> {
  const definitions = demoCheckDefinitions(demo.url, {
    httpsUrl: demo.httpsUrl,
    includeBrowserJourney: options.hasChromium,
    locations: ['local', ...DEMO_AGENT_LOCATIONS],
  });
  const inputs = definitions.map((definition) => checkInputSchema.parse(definition));
  const ctx = systemContext({ clock: systemClock, logger: createSilentLogger() });
  const applied = await server.services.checks.applyChecks({ ctx, inputs });
  return applied.length;
}

function printBanner(server: RunningServer, passwordFromEnv: boolean): void {
  output.line();
  output.line(`Ganzhi console: ${server.url}`);
  if (server.bootstrap.generatedPassword) {
    output.line(`Admin login: admin / ${server.bootstrap.generatedPassword}`);
    output.line('  (generated now and shown once; set GANZHI_ADMIN_PASSWORD to choose or reset it)');
  } else if (passwordFromEnv) {
    output.line('Admin login: admin / the password in GANZHI_ADMIN_PASSWORD');
  } else {
    output.line('Admin login: admin (password chosen at first start; set GANZHI_ADMIN_PASSWORD to reset it)');
  }
  output.line();
}

/** `ganzhi serve`: API, console, built-in agent and jobs in one process; `--demo` adds the simulated back end. */
export async function serveCommand(options: ServeOptions): Promise<void> {
  let config;
  try {
    config = parseServerConfig(process.env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const demo = config.demo
    ? await startDemoBackend({ port: Number(process.env.GANZHI_DEMO_PORT ?? 0), tls: {} })
    : undefined;
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, { logger });
  let agents: RunningAgent[] = [];
  let traffic: DemoTraffic | undefined;
  let resources: DemoResources | undefined;
  if (demo) {
    const count = await applyDemoChecks(server, demo, {
      hasChromium: await isExecutable(config.chromiumPath),
    });
    const urls = [demo.url, demo.httpsUrl].filter((url) => url !== undefined).join(' and ');
    output.line(`Demo back end: ${urls} (${count} demo checks)`);
    agents = await startDemoAgents(server, { dataDir: config.dataDir, logger });
    output.line(`Demo agents: ${DEMO_AGENT_LOCATIONS.join(', ')} (besides the built-in one at local)`);
    const configured = Number(process.env.GANZHI_DEMO_TRANSACTIONS_PER_MINUTE);
    const peakPerMinute = Number.isFinite(configured) && configured > 0 ? configured : 600;
    traffic = await startDemoTraffic(server, { peakPerMinute, backfillMinutes: 180, logger });
    output.line(
      `Demo transactions: every channel × business × city, up to ${peakPerMinute}/min at the daily peak`,
    );
    resources = await startDemoResources(server, { logger });
    output.line(
      'Demo resources: CPU, storage and pool per host of 5 systems, backfilled from the 1st of the month',
    );
  }
  printBanner(server, config.adminPassword !== undefined);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    output.line(`${signal} received, finishing in-flight work…`);
    void (async () => {
      await traffic?.stop();
      await resources?.stop();
      for (const agent of agents) await agent.stop();
      await server.close();
      await demo?.close();
      process.exit(0);
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}
