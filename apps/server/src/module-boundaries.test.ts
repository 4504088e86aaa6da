// Server modules import each other only through their index.ts (docs/architecture.md): a module's other files are
// its own business. This test is what enforces it; ESLint's no-restricted-imports cannot see relative paths well.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverSrc = fileURLToPath(new URL('./', import.meta.url));
const modulesDir = join(serverSrc, 'modules');

/** The module a file belongs to (`checks` for modules/checks/…), or undefined outside modules/. */
function moduleOf(file: string): string | undefined {
  const path = relative(modulesDir, file);
  if (path.startsWith('..')) return undefined;
  return path.split(sep)[0];
}

describe('server modules', () => {
  it('import one another only through their index.ts', () => {
    const files = readdirSync(modulesDir, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
      .map((path) => join(modulesDir, path));
    const problems = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].flatMap((match) => {
        const target = resolve(dirname(file), match[1] ?? '');
        const targetModule = moduleOf(target);
        if (targetModule === undefined || targetModule === moduleOf(file)) return [];
        const isEntry = target === join(modulesDir, targetModule, 'index.js');
        return isEntry ? [] : [`${relative(serverSrc, file)} imports ${match[1] ?? ''}`];
      });
    });
    expect(problems).toEqual([]);
  });
});
