// Definition files as `ganzhi apply` reads them: YAML (several documents) or JSON, each item named by where it is.
import { readFile, readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';

export type DocumentKind = 'check' | 'dimensions' | 'indicator' | 'user';

/** One definition as read, with the `file#document.item` it came from (`checks.yaml#1.2`). */
export interface Located {
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
export async function readDefinitions(path: string, problems: string[]): Promise<Located[]> {
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
