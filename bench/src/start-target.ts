import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Target {
  readonly url: string;
  readonly child: ChildProcess;
}

/** Forks the bench target server (`http-target.ts`) and waits for the port it reports over IPC. */
export async function startTarget(): Promise<Target> {
  const script = fileURLToPath(new URL('./http-target.js', import.meta.url));
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: unknown) => {
      const port = (message as { port?: unknown } | null)?.port;
      if (typeof port === 'number') resolve(port);
      else reject(new Error('target sent an unexpected message'));
    });
    child.once('exit', (code) => reject(new Error(`target exited early with code ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, child };
}
