import { Worker } from 'node:worker_threads';

/** An HTTP target on its own thread, so a test that stalls the main thread never slows the target's answers. */
export interface TargetThread {
  readonly url: string;
  /** Requests answered so far. */
  requests(): Promise<number>;
  close(): Promise<void>;
}

// CommonJS, run by `eval`: the target needs nothing of ours, so it loads the same from source and from dist.
const TARGET_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
let requests = 0;
const server = http.createServer((request, response) => {
  requests += 1;
  setTimeout(() => { response.writeHead(200, { 'content-type': 'text/plain' }); response.end('ok'); }, workerData.delayMs);
});
server.keepAliveTimeout = 1;
parentPort.on('message', (message) => {
  if (message === 'count') parentPort.postMessage({ requests });
  else server.close(() => parentPort.close());
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

/** Answers every request with a 200 after `delayMs`. */
export async function startTargetThread(options: { delayMs: number }): Promise<TargetThread> {
  const worker = new Worker(TARGET_SOURCE, { eval: true, workerData: { delayMs: options.delayMs } });
  const next = <T>(): Promise<T> => new Promise<T>((resolve) => worker.once('message', resolve));
  const { port } = await next<{ port: number }>();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: async () => {
      worker.postMessage('count');
      return (await next<{ requests: number }>()).requests;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

/** Keeps this thread busy for `ms`: nothing else runs on its event loop meanwhile. */
export function busyLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spinning on purpose
  }
}
