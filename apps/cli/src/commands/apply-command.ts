import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  checkInputSchema,
  dimensionsInputSchema,
  indicatorInputSchema,
  userApplySchema,
  type CheckInput,
  type UserApply,
  type DimensionsInput,
  type IndicatorDefinition,
} from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { fetchFromServer, type ServerAccess } from './server-access.js';

export interface ApplyOptions extends ServerAccess {
  readonly file: string;
  readonly dryRun?: boolean;
}

type DocumentKind = 'check' | 'dimensions' | 'indicator' | 'user';

interface Located {
  readonly source: string;
  readonly kind: DocumentKind;
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

/**
 * Reads every document of every file. A document is one check, `{ checks: [...] }`, `{ dimensions: {...} }`
 * (channels, businesses, regions, segments, systems, aliases), `{ indicators: [...] }` or `{ users: [...] }` (role
 * bindings and region scope; never passwords).
 */
async function readDefinitions(path: string, problems: string[]): Promise<Located[]> {
  const located: Located[] = [];
  for (const file of await listFiles(path)) {
    const text = await readFile(file, 'utf8');
    const documents =
      extname(file).toLowerCase() === '.json'
        ? [safeJson(text, file, problems)]
        : parseYaml(text, file, problems);
    documents.forEach((document, docIndex) => {
      const source = `${file}#${docIndex + 1}`;
      if (isEnvelope(document, 'dimensions') && !Array.isArray(document.dimensions)) {
        located.push({ source, kind: 'dimensions', input: document.dimensions });
        return;
      }
      if (isEnvelope(document, 'users') && Array.isArray(document.users)) {
        document.users.forEach((input: unknown, index) =>
          located.push({ source: `${source}.${index + 1}`, kind: 'user', input }),
        );
        return;
      }
      if (isEnvelope(document, 'indicators') && Array.isArray(document.indicators)) {
        document.indicators.forEach((input: unknown, index) =>
          located.push({ source: `${source}.${index + 1}`, kind: 'indicator', input }),
        );
        return;
      }
      const items: unknown[] = isChecksEnvelope(document) ? document.checks : [document];
      items.forEach((input, index) =>
        located.push({ source: `${source}.${index + 1}`, kind: 'check', input }),
      );
    });
  }
  return located;
}

function isEnvelope<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return typeof value === 'object' && value !== null && key in value && Object.keys(value).length === 1;
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

/** A valid definition with the `file#document` it came from, to name it when the server refuses it. */
interface Sourced<T> {
  readonly source: string;
  readonly input: T;
}

interface Valid {
  readonly checks: CheckInput[];
  readonly dimensions: Sourced<DimensionsInput>[];
  readonly indicators: Sourced<IndicatorDefinition>[];
  readonly users: UserApply[];
}

function validate(definitions: readonly Located[], problems: string[]): Valid {
  const valid: Valid = { checks: [], dimensions: [], indicators: [], users: [] };
  const report = (
    source: string,
    label: string,
    issues: readonly { path: PropertyKey[]; message: string }[],
  ) => {
    for (const issue of issues)
      problems.push(`${source}: ${issue.path.map(String).join('.') || label}: ${issue.message}`);
  };
  for (const { source, kind, input } of definitions) {
    if (kind === 'dimensions') {
      const parsed = dimensionsInputSchema.safeParse(input);
      if (parsed.success) valid.dimensions.push({ source, input: parsed.data });
      else report(source, '(dimensions)', parsed.error.issues);
    } else if (kind === 'user') {
      const parsed = userApplySchema.safeParse(input);
      if (parsed.success) valid.users.push(parsed.data);
      else report(source, '(user)', parsed.error.issues);
    } else if (kind === 'indicator') {
      const parsed = indicatorInputSchema.safeParse(input);
      if (parsed.success) valid.indicators.push({ source, input: parsed.data });
      else report(source, '(indicator)', parsed.error.issues);
    } else {
      const parsed = checkInputSchema.safeParse(input);
      if (parsed.success) valid.checks.push(parsed.data);
      else report(source, '(check)', parsed.error.issues);
    }
  }
  return valid;
}

/**
 * Validates everything locally and prints every problem at once; only then applies, in dependency order:
 * dimensions, then users (role bindings and regions, all or nothing), then indicators (each checked again by the
 * server: formula and thresholds), then all checks in one all-or-nothing request. A server refusal stops before the next kind.
 */
export async function applyCommand(options: ApplyOptions): Promise<void> {
  const problems: string[] = [];
  const valid = validate(await readDefinitions(options.file, problems), problems);
  const total = valid.checks.length + valid.dimensions.length + valid.indicators.length + valid.users.length;
  if (problems.length > 0 || total === 0) {
    output.error(
      problems.length > 0
        ? `${problems.length} problem(s); nothing applied:`
        : 'no definitions found; nothing applied',
    );
    for (const problem of problems) output.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  if (options.dryRun) {
    output.line(
      `${valid.checks.length} check(s), ${valid.dimensions.length} dimension document(s), ${valid.indicators.length} indicator(s), ${valid.users.length} user(s) valid (dry run, nothing applied)`,
    );
    return;
  }
  for (const { source, input } of valid.dimensions) {
    if (!(await fetchFromServer(options, 'api/v1/dimensions', { method: 'PUT', body: input })))
      return stopAt(source);
    output.line(`applied  dimensions (${describeDimensions(input)})`);
  }
  if (valid.users.length > 0 && !(await applyUsers(options, valid.users))) return;
  for (const { source, input } of valid.indicators) {
    const path = `api/v1/indicators/${encodeURIComponent(input.id)}`;
    if (!(await fetchFromServer(options, path, { method: 'PUT', body: input }))) return stopAt(source);
    output.line(`applied  indicator ${input.id}`);
  }
  if (valid.checks.length > 0) await sendToServer(options, valid.checks);
}

/** After the server's refusal (printed by fetchFromServer): which document it was, and that nothing later was sent. */
function stopAt(source: string): void {
  output.error(`  in ${source}; the definitions after it were not applied`);
}

function describeDimensions(input: DimensionsInput): string {
  return Object.entries(input)
    .filter((entry) => entry[1].length > 0)
    .map(([kind, list]) => `${list.length} ${kind}`)
    .join(', ');
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

async function applyUsers(options: ApplyOptions, users: UserApply[]): Promise<boolean> {
  const body = await fetchFromServer<{ results: { username: string; action: string }[] }>(
    options,
    'api/v1/users/apply',
    { method: 'POST', body: { users } },
  );
  if (!body) {
    output.error('  in the users; the definitions after them were not applied');
    return false;
  }
  for (const result of body.results) output.line(`${result.action.padEnd(8)} user ${result.username}`);
  return true;
}
