// Every example in the READMEs and docs/ works as written against a fresh `npm start`. Each document gets its own
// fresh server (`ganzhi serve --demo`, the built CLI) and working directory, and its examples run in order:
// - shell blocks in bash (`set -euo pipefail`), exported variables carried to the next block, `curl` failing on
//   any answer but 2xx; an `<!-- example: output -->` block must equal the JSON the shell block before it printed;
// - `<!-- example: background until "…" -->` shell blocks (agents) start, must print that text, and run until the
//   document ends, logging no warning or error; before one starts, the test lets the fresh server finish its first
//   minute's work (see waitUntilSettled), as a reader who got that far has; to shorten that minute, the test has
//   the server score its first windows (`POST /api/v1/scores/evaluate`) before the first example;
// - YAML/JSON checks are applied and run once each, and every run must pass; a first line `# path.yaml` also
//   writes the block to that file for the shell blocks after it;
// - anything else must say why it is not run (`<!-- example: skip: why -->`), or this test fails.
// The only changes made to an example: the documented addresses (127.0.0.1:8080, :8081, :8443) become this
// server's free ports (GANZHI_SERVER too, for the CLI's default), and `"password":"…"` the printed admin password.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCliBuilt } from '@ganzhi/testing';
import { applyAndRunChecks, scoreFirstWindows, signInAsAdmin } from './example-checks.js';
import {
  REPOSITORY_ROOT,
  adaptToServer,
  createWorkspace,
  hasCommand,
  runShellBlock,
  startBackgroundBlock,
  startDemoServer,
  writeWorkspaceFile,
  type BackgroundBlock,
  type DemoServer,
  type ShellResult,
  type Workspace,
  waitUntilSettled,
} from './example-runner.js';
import {
  classifyBlock,
  readJsonValues,
  readMarkdownBlocks,
  type ExampleKind,
  type MarkdownBlock,
} from './markdown-examples.js';

function markdownUnder(dir: string): string[] {
  return readdirSync(join(REPOSITORY_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.md'))
    .map((path) => join(dir, path))
    .sort();
}

/** The documents whose examples readers run: both READMEs, everything under docs/, and the agent's README. */
const DOCUMENTS = ['README.md', 'README.zh-CN.md', ...markdownUnder('docs'), 'apps/agent/README.md'].filter(
  (document) => existsSync(join(REPOSITORY_ROOT, document)),
);

interface Example {
  readonly block: MarkdownBlock;
  readonly kind: ExampleKind;
}

function examplesOf(document: string): Example[] {
  const text = readFileSync(join(REPOSITORY_ROOT, document), 'utf8');
  return readMarkdownBlocks(document, text).map((block) => ({ block, kind: classifyBlock(block) }));
}

const RUNNABLE = new Set(['shell', 'background', 'checks']);
const runnableDocuments = DOCUMENTS.filter((document) =>
  examplesOf(document).some(({ kind }) => RUNNABLE.has(kind.kind)),
);

const TOOLS = ['bash', 'curl', 'jq', 'gzip'];
const missingTools = TOOLS.filter((tool) => !hasCommand(tool));
const isRequired = process.env.GANZHI_REQUIRE_E2E === '1';
const canRun = isCliBuilt() && missingTools.length === 0;
if (!canRun && !isRequired)
  console.warn(
    `docs examples skipped: ${isCliBuilt() ? `missing ${missingTools.join(', ')}` : 'the CLI is not built (npx tsc -b)'}`,
  );

interface DocumentRun {
  readonly server: DemoServer;
  readonly workspace: Workspace;
  readonly background: BackgroundBlock[];
  readonly checks: { where: string; checks: readonly unknown[] }[];
  previous: ShellResult | undefined;
}

async function runExample(run: DocumentRun, { block, kind }: Example): Promise<void> {
  const where = `${block.file}:${block.line}`;
  const text = adaptToServer(block.text, run.server);
  switch (kind.kind) {
    case 'shell': {
      const result = await runShellBlock(run.workspace, text, 180_000);
      if (result.code !== 0) throw new Error(`${where}: exited with ${result.code}:\n${result.output}`);
      run.previous = result;
      return;
    }
    case 'background': {
      await waitUntilSettled(run.server, { timeoutMs: 300_000 });
      const started = await startBackgroundBlock(run.workspace, text, {
        readyText: kind.readyText,
        timeoutMs: 120_000,
      }).catch((error: unknown) => {
        throw new Error(`${where}: ${(error as Error).message}`);
      });
      run.background.push(started);
      run.previous = undefined;
      return;
    }
    case 'output': {
      if (!run.previous) throw new Error(`${where}: an output block must follow a shell block`);
      expect(readJsonValues(run.previous.stdout), `${where}: what the block above printed`).toEqual(
        kind.values,
      );
      return;
    }
    case 'checks':
      if (kind.path !== undefined) writeWorkspaceFile(run.workspace, kind.path, text);
      run.checks.push({ where, checks: JSON.parse(adaptToServer(JSON.stringify(kind.checks), run.server)) });
      return;
    case 'file':
      writeWorkspaceFile(run.workspace, kind.path, text);
      return;
    case 'not-run':
    case 'invalid':
      return;
  }
}

async function runDocument(document: string): Promise<void> {
  const server = await startDemoServer();
  const run: DocumentRun = {
    server,
    workspace: createWorkspace(server),
    background: [],
    checks: [],
    previous: undefined,
  };
  const warnings: string[] = [];
  try {
    const session = await signInAsAdmin(server);
    await scoreFirstWindows(session);
    for (const example of examplesOf(document)) await runExample(run, example);
    for (const { where, checks } of run.checks) {
      const outcomes = await applyAndRunChecks(session, checks);
      const failed = outcomes.filter((outcome) => !outcome.ok);
      expect(failed.map((outcome) => `${where}: ${outcome.name}: ${outcome.detail}`)).toEqual([]);
    }
  } finally {
    for (const block of run.background) warnings.push(...(await block.stop()));
    await server.stop();
    run.workspace.remove();
  }
  expect(warnings, 'warnings and errors logged by background examples').toEqual([]);
}

describe('the examples of the READMEs and docs/', () => {
  it('are each run, or say why not', () => {
    const problems = DOCUMENTS.flatMap((document) =>
      examplesOf(document).flatMap(({ block, kind }) =>
        kind.kind === 'invalid' ? [`${block.file}:${block.line}: ${kind.problem}`] : [],
      ),
    );
    expect(problems).toEqual([]);
  });

  it('apply every file under docs/examples/ in some shell example', () => {
    const shellText = DOCUMENTS.flatMap(examplesOf)
      .filter(({ kind }) => kind.kind === 'shell' || kind.kind === 'background')
      .map(({ block }) => block.text)
      .join('\n');
    const files = readdirSync(join(REPOSITORY_ROOT, 'docs/examples')).map((name) =>
      relative(REPOSITORY_ROOT, join(REPOSITORY_ROOT, 'docs/examples', name)),
    );
    expect(files.filter((file) => !new RegExp(`ganzhi apply [^\\n]*-f ${file}`).test(shellText))).toEqual([]);
  });

  for (const document of runnableDocuments)
    it.skipIf(!canRun && !isRequired)(
      `${document}: every example works against a fresh npm start`,
      async () => {
        expect(missingTools, 'commands the examples use').toEqual([]);
        await runDocument(document);
      },
      900_000,
    );
});
