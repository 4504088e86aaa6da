import { writeFile } from 'node:fs/promises';
import { checksToYaml, toCheckDefinition } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { fetchFromServer, type ServerAccess } from './server-access.js';
import { checkPageSchema } from './server-answers.js';

export interface ExportOptions extends ServerAccess {
  /** A file to write; standard output when absent. */
  readonly output?: string;
  readonly format: 'yaml' | 'json';
}

/** The largest page the server serves. */
const PAGE_SIZE = 500;

/**
 * Every check with its flow, a page at a time: the list serves pages only, and its cursor continues where the last
 * page ended, so checks created or deleted meanwhile never make one appear twice or skip another.
 */
async function fetchEveryCheck(options: ExportOptions): Promise<unknown[] | undefined> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ include: 'flow', limit: String(PAGE_SIZE) });
    if (cursor !== null) query.set('cursor', cursor);
    const page = await fetchFromServer(options, `api/v1/checks?${query.toString()}`, {
      parser: checkPageSchema,
    });
    if (!page) return undefined;
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return items;
}

/** `ganzhi export`: every check as YAML (or JSON) in the `{ checks: [...] }` shape `ganzhi apply` reads. */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const items = await fetchEveryCheck(options);
  if (!items) return;
  // The console's YAML view writes a check with the same two functions, so both show the same text.
  const checks = items.map(toCheckDefinition);
  const text = options.format === 'json' ? `${JSON.stringify({ checks }, null, 2)}\n` : checksToYaml(checks);
  if (!options.output) return output.write(text);
  try {
    await writeFile(options.output, text);
  } catch (error) {
    output.error(`cannot write ${options.output}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  output.line(`${checks.length} check(s) written to ${options.output}`);
}
