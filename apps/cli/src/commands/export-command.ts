import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { checkInputSchema, type CheckInput } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { fetchFromServer, type ServerAccess } from './server-access.js';

export interface ExportOptions extends ServerAccess {
  /** A file to write; standard output when absent. */
  readonly output?: string;
  readonly format: 'yaml' | 'json';
}

/** Only what `ganzhi apply` takes back: server-side fields (ids, status, timestamps) are dropped. */
function toDefinition(check: unknown): CheckInput {
  return checkInputSchema.parse(check);
}

/** `ganzhi export`: every check as YAML (or JSON) in the `{ checks: [...] }` shape `ganzhi apply` reads. */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const body = await fetchFromServer<{ items: unknown[] }>(options, 'api/v1/checks');
  if (!body) return;
  const checks = body.items.map(toDefinition);
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ checks }, null, 2)}\n`
      : `# Ganzhi checks, exported; apply with: ganzhi apply -f <this file>\n${stringify({ checks }, { lineWidth: 0 })}`;
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
