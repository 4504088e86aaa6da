import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The built package, as agents and the server load it (`npm test` builds before it runs the tests). */
const builtIndex = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

describe.skipIf(!existsSync(builtIndex))('playwright-core is loaded only for browser steps', () => {
  it('is not loaded by importing the probes package, as a thread that never runs a browser step does', () => {
    // A fresh process: this test runner may have loaded playwright-core for other tests.
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const probes = await import(${JSON.stringify(builtIndex)});
      const loaded = () => Object.keys(require.cache).filter((path) => path.includes('playwright-core'));
      const before = loaded();
      await probes.stepExecutors.browser.execute({ kind: 'browser', name: 'x', actions: [] }, {}).catch(() => {});
      console.log(JSON.stringify({ before, after: loaded().length > 0 }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(JSON.parse(output.trim().split('\n').at(-1) ?? 'null')).toEqual({ before: [], after: true });
  });
});
