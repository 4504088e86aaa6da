// Module hooks that let a worker thread run this repository's TypeScript sources, as Vitest does for the tests:
// `.ts` files are transpiled with esbuild (Vite's, so nothing is added to install), and a relative `./x.js` that
// does not exist resolves to `./x.ts` beside it (NodeNext imports name the compiled file). Only used when the
// worker pool itself was loaded from source; production runs the compiled `dist/` JavaScript without hooks.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const fromSource = context.parentURL?.endsWith('.ts') === true;
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !fromSource || !specifier.endsWith('.js')) throw error;
    return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: path,
  });
  return { format: 'module', source: code, shortCircuit: true };
}
