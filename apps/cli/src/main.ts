#!/usr/bin/env node
// The `ganzhi` command: serve, agent, demo, apply and export.
import { Command } from 'commander';
import { GANZHI_VERSION } from '@ganzhi/server';
import { output } from './cli-output.js';
import { agentCommand, type AgentOptions } from './commands/agent-command.js';
import { applyCommand } from './commands/apply-command.js';
import { demoCommand } from './commands/demo-command.js';
import { exportCommand } from './commands/export-command.js';
import { serveCommand } from './commands/serve-command.js';

const program = new Command('ganzhi')
  .version(GANZHI_VERSION)
  .description('Ganzhi (感知): customer-perceived service quality');

program
  .command('serve')
  .description(
    'run the server: API, console, built-in agent (SQLite by default, PostgreSQL with DATABASE_URL)',
  )
  .option('--port <n>', 'HTTP port (env PORT, default 8080; 0 picks a free one)')
  .option('--host <address>', 'address to listen on (env GANZHI_HOST, default 127.0.0.1)')
  .option('--data-dir <dir>', 'where SQLite and local files live (env GANZHI_DATA_DIR, default ./data)')
  .option('--demo', 'also start the simulated telecom back end and create demo checks against it')
  .action((options: { port?: string; host?: string; dataDir?: string; demo?: boolean }) =>
    serveCommand(options),
  );

program
  .command('agent')
  .description(
    "run a remote agent for one location: enrols once, runs its share of the location's checks, buffers every run on disk and uploads it",
  )
  .option('--server <url>', 'server URL (env GANZHI_SERVER)')
  .option('--token <token>', 'one-time enrolment token, or an agent credential (env GANZHI_AGENT_TOKEN)')
  .option('--location <name>', 'location this agent serves, e.g. changsha (env GANZHI_AGENT_LOCATION)')
  .option('--name <name>', 'agent name shown in the console (env GANZHI_AGENT_NAME, default: host name)')
  .option(
    '--data-dir <dir>',
    'where the outbox and credential live (env GANZHI_AGENT_DATA_DIR, default ./agent-data)',
  )
  .option('--concurrency <n>', 'checks run at once (env GANZHI_PROBE_CONCURRENCY, default 20)')
  .option(
    '--speedup <factor>',
    'run checks this many times more often than their interval (drills and tests only)',
  )
  .option(
    '--tail-config <file>',
    'log files to tail into transaction records, YAML or JSON (env GANZHI_AGENT_TAIL_CONFIG)',
  )
  .action((options: AgentOptions) => agentCommand(options));

program
  .command('demo')
  .description('run only the simulated telecom back end (web hall, SMS hall, IVR)')
  .option('--port <n>', 'port', '8081')
  .option('--host <address>', 'address', '127.0.0.1')
  .action((options: { port?: string; host?: string }) => demoCommand(options));

program
  .command('apply')
  .description(
    'create or update checks from YAML/JSON files (every problem is reported before anything is applied)',
  )
  .requiredOption('-f, --file <path>', 'a file or a directory of .yaml/.yml/.json files')
  .option(
    '--server <url>',
    'server URL (env GANZHI_SERVER)',
    process.env.GANZHI_SERVER ?? 'http://127.0.0.1:8080/',
  )
  .option('--token <token>', 'API token (env GANZHI_TOKEN)', process.env.GANZHI_TOKEN)
  .option('--dry-run', 'validate only')
  .action((options: { file: string; server: string; token?: string; dryRun?: boolean }) =>
    applyCommand(options),
  );

program
  .command('export')
  .description('write every check as YAML (or JSON) that `ganzhi apply` reads back')
  .option('-o, --output <file>', 'file to write (default: standard output)')
  .option('--format <format>', 'yaml or json', 'yaml')
  .option(
    '--server <url>',
    'server URL (env GANZHI_SERVER)',
    process.env.GANZHI_SERVER ?? 'http://127.0.0.1:8080/',
  )
  .option('--token <token>', 'API token (env GANZHI_TOKEN)', process.env.GANZHI_TOKEN)
  .action((options: { output?: string; format: string; server: string; token?: string }) =>
    exportCommand({ ...options, format: options.format === 'json' ? 'json' : 'yaml' }),
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  output.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
