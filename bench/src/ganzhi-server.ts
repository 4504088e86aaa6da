// A real `ganzhi serve` (SQLite in `dataDir`) on a free loopback port, with an admin session for its API.
import { join } from 'node:path';
import { findFreePort, spawnGanzhi, type GanzhiProcess } from '@ganzhi/testing';

const ADMIN_PASSWORD = 'bench-admin-password';

export interface GanzhiServer {
  readonly process: GanzhiProcess;
  readonly url: string;
  /** The server's SQLite database file. */
  readonly databasePath: string;
  /** Calls `api/v1/<path>` as the admin; fails with the status and body on anything but 2xx. */
  api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
}

/** `env` adds to (and wins over) the bench's settings; `nodeArgs` go to node itself (`--cpu-prof`). */
export async function startGanzhiServer(
  dataDir: string,
  options: { readonly env?: Readonly<Record<string, string>>; readonly nodeArgs?: readonly string[] } = {},
): Promise<GanzhiServer> {
  const port = await findFreePort();
  const { process } = await spawnGanzhi({
    args: ['serve', '--port', String(port), '--data-dir', dataDir],
    env: { GANZHI_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '', PORT: '', ...options.env },
    ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}),
    readyLine: /Ganzhi console: /,
    timeoutMs: 60_000,
  });
  const url = `http://127.0.0.1:${port}/`;
  const login = await fetch(new URL('api/v1/auth/login', url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    process,
    url,
    databasePath: join(dataDir, 'ganzhi.db'),
    async api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const response = await fetch(new URL(`api/v1/${path}`, url), {
        method,
        headers: {
          cookie,
          origin: new URL(url).origin,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
