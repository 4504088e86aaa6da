// The READMEs name every setting the code reads and every command and flag `ganzhi --help` lists, so neither can
// fall behind the code unnoticed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AGENT_ENV_NAMES } from '@ganzhi/agent';
import { GANZHI_CLI, isCliBuilt } from '@ganzhi/testing';
import { REPOSITORY_ROOT } from './example-runner.js';

const READMES = ['README.md', 'README.zh-CN.md'];
const readme = (file: string) => readFileSync(join(REPOSITORY_ROOT, file), 'utf8');

/** The names in `ENV_NAMES` of the server's config.ts: every variable `ganzhi serve` reads through its config. */
function serverVariables(): string[] {
  const config = readFileSync(join(REPOSITORY_ROOT, 'apps/server/src/config.ts'), 'utf8');
  const table = /const ENV_NAMES[^=]*= \{([\s\S]*?)\n\};/.exec(config)?.[1];
  if (table === undefined)
    throw new Error('apps/server/src/config.ts has no ENV_NAMES table; update this test');
  return [...table.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] ?? '');
}

/** Variables the CLI reads itself (`process.env.X`, or a `'GANZHI_…'` name passed to a reader). */
function cliVariables(): string[] {
  const dir = join(REPOSITORY_ROOT, 'apps/cli/src');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (path) => path.endsWith('.ts') && !path.includes('test') && !path.startsWith('docs-tests'),
  );
  return files.flatMap((path) => {
    const text = readFileSync(join(dir, path), 'utf8');
    return [
      ...[...text.matchAll(/process\.env\.([A-Z][A-Z0-9_]+)/g)].map((match) => match[1] ?? ''),
      ...[...text.matchAll(/'(GANZHI_[A-Z0-9_]+)'/g)].map((match) => match[1] ?? ''),
    ];
  });
}

function missingFrom(file: string, names: readonly string[]): string[] {
  const text = readme(file);
  return [...new Set(names)].filter((name) => !text.includes(`\`${name}\``)).sort();
}

describe('the READMEs name every setting', () => {
  for (const file of READMES) {
    it(`${file}: the server's, the agent's and the CLI's environment variables`, () => {
      const names = [...serverVariables(), ...Object.values(AGENT_ENV_NAMES), ...cliVariables()];
      expect(names.length).toBeGreaterThan(40);
      expect(missingFrom(file, names)).toEqual([]);
    });
  }
});

interface HelpedOption {
  readonly long: string;
  readonly short: string | undefined;
}

interface HelpedCommand {
  readonly path: string;
  readonly options: readonly HelpedOption[];
}

/** A flag written in the section as `--flag`, in a usage line (`--flag N`, `[--flag]`) or as its short form. */
function mentions(section: string, flag: string): boolean {
  return new RegExp(`[\`\\[ ]${flag}[\`\\] ]`).test(section);
}

function help(args: readonly string[]): string {
  const result = spawnSync(process.execPath, [GANZHI_CLI, ...args, '--help'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ganzhi ${args.join(' ')} --help: ${result.stderr}`);
  return result.stdout;
}

/** Every command of `ganzhi --help` (nested ones like `import transactions` too) with its long options. */
function helpedCommands(args: readonly string[] = []): HelpedCommand[] {
  const text = help(args);
  const commands = text.split('Commands:')[1] ?? '';
  const names = [...commands.matchAll(/^ {2}([a-z][\w-]*)/gm)]
    .map((match) => match[1] ?? '')
    .filter((name) => name !== 'help');
  const optionLines = ((text.split('Options:')[1] ?? '').split('Commands:')[0] ?? '').matchAll(
    /^ {2}(?:(-\w), )?(--[a-z][\w-]*)/gm,
  );
  const options = [...optionLines]
    .map((match) => ({ long: match[2] ?? '', short: match[1] }))
    .filter((option) => option.long !== '--help' && option.long !== '--version');
  const here = args.length > 0 ? [{ path: args.join(' '), options }] : [];
  return [...here, ...names.flatMap((name) => helpedCommands([...args, name]))];
}

describe.skipIf(!isCliBuilt() && process.env.GANZHI_REQUIRE_E2E !== '1')(
  'the READMEs name every command',
  () => {
    const commands = isCliBuilt() ? helpedCommands() : [];

    it('finds the commands ganzhi --help lists', () => {
      expect(commands.map((command) => command.path)).toEqual(
        expect.arrayContaining(['serve', 'agent', 'demo', 'apply', 'export', 'import transactions']),
      );
    });

    for (const file of READMES)
      it(`${file}: every command and its flags, in the commands section`, () => {
        const text = readme(file);
        // The English "## Running it", or the Chinese section under its anchor.
        const anchor = text.indexOf('<a id="running-it"></a>');
        const heading = text.indexOf('\n## ', anchor === -1 ? text.indexOf('\n## Running it') - 1 : anchor);
        const section = text.slice(heading, text.indexOf('\n## ', heading + 1));
        const problems = commands.flatMap(({ path, options }) => [
          ...(section.includes(`ganzhi ${path}`) ? [] : [`ganzhi ${path}`]),
          ...options
            .filter(
              ({ long, short }) =>
                ![long, short].some((flag) => flag !== undefined && mentions(section, flag)),
            )
            .map(({ long }) => `ganzhi ${path} ${long}`),
        ]);
        expect(problems).toEqual([]);
      });
  },
);
