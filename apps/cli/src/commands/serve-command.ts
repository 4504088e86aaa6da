import { access, constants } from 'node:fs/promises';
import {
  systemContext,
  ConfigError,
  parseServerConfig,
  startServer,
  type RunningServer,
} from '@ganzhi/server';
import { demoCheckDefinitions, type DemoBackend } from '@ganzhi/demo';
import { checkInputSchema } from '@ganzhi/contracts';
import { createLogger, createSilentLogger, settlesWithin, systemClock } from '@ganzhi/runtime';
import type { RunningAgent } from '@ganzhi/agent';
import { output } from '../cli-output.js';
import { keepHeapCompact } from './heap-settings.js';
import { describeDemoBackend, parseDemoPorts, startServeDemoBackend } from './demo-address.js';
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
  keepHeapCompact();
  let config;
  let demoPorts;
  try {
    config = parseServerConfig(process.env, options);
    demoPorts = parseDemoPorts(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      output.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const demo = config.demo ? await startServeDemoBackend(demoPorts) : undefined;
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, { logger });
  let agents: RunningAgent[] = [];
  let traffic: DemoTraffic | undefined;
  let resources: DemoResources | undefined;
  if (demo) {
    const count = await applyDemoChecks(server, demo, {
      hasChromium: await isExecutable(config.chromiumPath),
    });
    output.line(describeDemoBackend(demo, demoPorts, count));
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

  exitOnSignal(async () => {
    // The demo's simulators stop between batches; its agents keep unsent runs in their outboxes on disk, which they
    // upload at the next start, so they get the server's grace and no more.
    await settlesWithin(Promise.all([traffic?.stop(), resources?.stop()]), { clock: systemClock, ms: 500 });
    const agentsStopped = Promise.all(agents.map((agent) => agent.stop()));
    await Promise.all([settlesWithin(agentsStopped, { clock: systemClock, ms: 2000 }), server.close()]);
    await demo?.close();
  });
}

/** Past this, shutdown exits with whatever still hangs abandoned: service managers kill at 5–10 s. */
const SHUTDOWN_DEADLINE_MS = 4500;

/**
 * On the first SIGINT or SIGTERM: `stop`, then exit 0 (1 if it failed or overran the deadline). A second signal
 * finds no handler and ends the process at once.
 */
function exitOnSignal(stop: () => Promise<void>): void {
  let isClosing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (isClosing) return;
    isClosing = true;
    output.line(`${signal} received, finishing in-flight work (again to exit at once)…`);
    setTimeout(() => {
      output.error(`shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms; exiting with work abandoned`);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        output.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
