#!/usr/bin/env node
// The `ganzhi` command: serve, agent, demo, apply, export and import.
import { Command } from 'commander';
import { GANZHI_VERSION } from '@ganzhi/server';
import { output } from './cli-output.js';
import { agentCommand, type AgentOptions } from './commands/agent-command.js';
import { applyCommand } from './commands/apply-command.js';
import { demoCommand } from './commands/demo-command.js';
import { exportCommand } from './commands/export-command.js';
import { importTransactionsCommand } from './commands/import-command.js';
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
    'create or update checks, dimensions ({ dimensions: … }) and indicators ({ indicators: [...] }) from YAML/JSON files: every document is validated first and any problem (file#document.item: field) stops everything; then dimensions, indicators and finally all checks in one all-or-nothing request',
  )
  .requiredOption('-f, --file <path>', 'a file or a directory of .yaml/.yml/.json files')
  .option(
    '--server <url>',
    'server URL (env GANZHI_SERVER)',
    process.env.GANZHI_SERVER ?? 'http://127.0.0.1:8080/',
  )
  .option('--token <token>', 'API token (env GANZHI_TOKEN)', process.env.GANZHI_TOKEN)
  .option(
    '--dry-run',
    'apply nothing: the server validates the checks exactly as a save would (locations and what they can run, dimensions, variables, expressions); with no server to reach, only the local checks run and the output says what was skipped',
  )
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

const collect = (value: string, previous: string[]) => [...previous, value];

program
  .command('import')
  .description('bring data in from files')
  .command('transactions <file>')
  .description(
    'import a CSV export of business transactions through the ingest API (progress, then a summary of accepted and rejected rows with their line numbers)',
  )
  .option(
    '--map <field=column>',
    'which column fills a record field, repeatable (default: a column named like the field)',
    collect,
    [],
  )
  .option('--delimiter <char>', 'column separator', ',')
  .option(
    '--time-zone <zone>',
    'zone of times written without an offset',
    process.env.GANZHI_TIME_ZONE ?? 'Asia/Shanghai',
  )
  .option('--ok-values <list>', 'outcome values meaning success, comma-separated', 'ok,0,success,成功')
  .option('--latency-unit <unit>', 'unit of the latency column: ms or s', 'ms')
  .option('--batch-size <n>', 'records per request', '5000')
  .option('--rejects <file>', 'write every rejected row (line, reason, its cells) to this CSV file')
  .option(
    '--dry-run',
    'read and check every row against the record schema, send nothing (names and aliases are resolved only by the server)',
  )
  .option(
    '--server <url>',
    'server URL (env GANZHI_SERVER)',
    process.env.GANZHI_SERVER ?? 'http://127.0.0.1:8080/',
  )
  .option('--token <token>', 'API token (env GANZHI_TOKEN)', process.env.GANZHI_TOKEN)
  .action(
    async (
      file: string,
      options: {
        map: string[];
        delimiter: string;
        timeZone: string;
        okValues: string;
        latencyUnit: string;
        batchSize: string;
        rejects?: string;
        dryRun?: boolean;
        server: string;
        token?: string;
      },
    ) => {
      const batchSize = Number(options.batchSize);
      if (
        !Number.isInteger(batchSize) ||
        batchSize < 1 ||
        batchSize > 100_000 ||
        !['ms', 's'].includes(options.latencyUnit)
      ) {
        output.error('--batch-size must be a whole number from 1 to 100000, --latency-unit ms or s');
        process.exitCode = 1;
        return;
      }
      await importTransactionsCommand({
        ...options,
        file,
        batchSize,
        okValues: options.okValues
          .split(',')
          .map((value) => value.trim())
          .filter(Boolean),
        latencyUnit: options.latencyUnit === 's' ? 's' : 'ms',
      });
    },
  );

program.parseAsync(process.argv).catch((error: unknown) => {
  output.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
