/** Where the flow worker's code is, and how Node must load it. */
export interface WorkerScript {
  readonly url: URL;
  /** Undefined: inherit the process's own flags, as Node does by default. */
  readonly execArgv: string[] | undefined;
}

/**
 * The worker entry beside this module: `flow-worker.js` in the compiled `dist/`, which Node runs as it is. When this
 * module itself was loaded from TypeScript source (Vitest runs the sources under the `ganzhi-source` condition),
 * the worker gets the same view: that condition, and module hooks that transpile `.ts` (`source-hooks.mjs`).
 */
export function flowWorkerScript(moduleUrl: string = import.meta.url): WorkerScript {
  if (!moduleUrl.endsWith('.ts')) return { url: new URL('./flow-worker.js', moduleUrl), execArgv: undefined };
  const hooks = new URL('./source-hooks.mjs', moduleUrl).href;
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks)});`;
  return {
    url: new URL('./flow-worker.ts', moduleUrl),
    execArgv: [
      '--conditions=ganzhi-source',
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
    ],
  };
}
