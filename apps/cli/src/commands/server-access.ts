import { output } from '../cli-output.js';

/** How the CLI reaches a running server. */
export interface ServerAccess {
  readonly server: string;
  readonly token?: string;
}

const TOKEN_HELP =
  'an API token is needed: pass --token or set GANZHI_TOKEN (create one with POST /api/v1/tokens while signed in; it is shown once)';

/** Calls the API with the bearer token; on any failure prints the server's error envelope and returns undefined. */
export async function fetchFromServer<T>(
  access: ServerAccess,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T | undefined> {
  if (!access.token) {
    output.error(TOKEN_HELP);
    process.exitCode = 1;
    return undefined;
  }
  const base = access.server.endsWith('/') ? access.server : `${access.server}/`;
  const response = await fetch(new URL(path, base), {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access.token}` },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json()) as T & {
    error?: { message: string; details?: { path: string; message: string }[] };
  };
  if (!response.ok) {
    output.error(`server refused (${response.status}): ${body.error?.message ?? 'unknown error'}`);
    for (const detail of body.error?.details ?? []) output.error(`  ${detail.path}: ${detail.message}`);
    process.exitCode = 1;
    return undefined;
  }
  return body;
}
