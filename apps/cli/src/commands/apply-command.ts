import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { checkInputSchema, type CheckInput } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { fetchFromServer, type ServerAccess } from './server-access.js';

export interface ApplyOptions extends ServerAccess {
  readonly file: string;
  readonly dryRun?: boolean;
}

interface Located {
  readonly source: string;
  readonly input: unknown;
}

const DEFINITION_FILE = /\.(ya?ml|json)$/i;

async function listFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { recursive: true });
  return entries
    .filter((entry) => DEFINITION_FILE.test(entry))
    .sort()
    .map((entry) => join(path, entry));
}

/** Reads every document of every file; a document is one check or `{ checks: [...] }`. */
async function readDefinitions(path: string, problems: string[]): Promise<Located[]> {
  const located: Located[] = [];
  for (const file of await listFiles(path)) {
    const text = await readFile(file, 'utf8');
    const documents =
      extname(file).toLowerCase() === '.json'
        ? [safeJson(text, file, problems)]
        : parseYaml(text, file, problems);
    documents.forEach((document, docIndex) => {
      const items: unknown[] = isChecksEnvelope(document) ? document.checks : [document];
      items.forEach((input, index) =>
        located.push({ source: `${file}#${docIndex + 1}.${index + 1}`, input }),
      );
    });
  }
  return located;
}

function isChecksEnvelope(value: unknown): value is { checks: unknown[] } {
  return typeof value === 'object' && value !== null && Array.isArray((value as { checks?: unknown }).checks);
}

function safeJson(text: string, file: string, problems: string[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    problems.push(`${file}: not valid JSON (${(error as Error).message})`);
    return undefined;
  }
}

function parseYaml(text: string, file: string, problems: string[]): unknown[] {
  return parseAllDocuments(text).flatMap((document) => {
    if (document.errors.length > 0) {
      for (const error of document.errors) problems.push(`${file}: ${error.message}`);
      return [];
    }
    const value: unknown = document.toJS();
    return value === null || value === undefined ? [] : [value];
  });
}

/** Validates everything locally, prints every problem at once, then applies all checks in one request. */
export async function applyCommand(options: ApplyOptions): Promise<void> {
  const problems: string[] = [];
  const definitions = await readDefinitions(options.file, problems);
  const valid: CheckInput[] = [];
  for (const { source, input } of definitions) {
    const parsed = checkInputSchema.safeParse(input);
    if (parsed.success) valid.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push(`${source}: ${issue.path.join('.') || '(check)'}: ${issue.message}`);
  }
  if (problems.length > 0 || valid.length === 0) {
    output.error(
      problems.length > 0
        ? `${problems.length} problem(s); nothing applied:`
        : 'no checks found; nothing applied',
    );
    for (const problem of problems) output.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  if (options.dryRun) {
    output.line(`${valid.length} check(s) valid (dry run, nothing applied)`);
    return;
  }
  await sendToServer(options, valid);
}

async function sendToServer(options: ApplyOptions, checks: CheckInput[]): Promise<void> {
  const body = await fetchFromServer<{ results: { name: string; action: string }[] }>(
    options,
    'api/v1/checks/apply',
    {
      method: 'POST',
      body: { checks },
    },
  );
  for (const result of body?.results ?? []) output.line(`${result.action.padEnd(8)} ${result.name}`);
}
