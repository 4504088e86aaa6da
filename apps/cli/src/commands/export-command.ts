import { writeFile } from 'node:fs/promises';
import { checksToYaml, toCheckDefinition } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { fetchFromServer, type ServerAccess } from './server-access.js';

export interface ExportOptions extends ServerAccess {
  /** A file to write; standard output when absent. */
  readonly output?: string;
  readonly format: 'yaml' | 'json';
}

/** `ganzhi export`: every check as YAML (or JSON) in the `{ checks: [...] }` shape `ganzhi apply` reads. */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const body = await fetchFromServer<{ items: unknown[] }>(options, 'api/v1/checks');
  if (!body) return;
  // The console's YAML view writes a check with the same two functions, so both show the same text.
  const checks = body.items.map(toCheckDefinition);
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
