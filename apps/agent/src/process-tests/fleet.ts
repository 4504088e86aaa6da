import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe } from 'vitest';
import type { Check, CheckInputRaw } from '@ganzhi/contracts';
import { findFreePort, isCliBuilt, spawnGanzhi, type GanzhiProcess } from '@ganzhi/testing';

const ADMIN_PASSWORD = 'fleet-test-password';

/** A server and its agents as real processes on loopback, with a scratch directory each; all cleaned up after. */
export class Fleet {
  readonly root = mkdtempSync(join(tmpdir(), 'ganzhi-fleet-'));
  readonly processes = new Set<GanzhiProcess>();
  port = 0;
  server: GanzhiProcess | undefined;
  #cookie = '';

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Starts (or restarts, on the same port and data) `ganzhi serve`. */
  async startServer(): Promise<void> {
    if (this.port === 0) this.port = await findFreePort();
    const { process } = await spawnGanzhi({
      args: ['serve', '--port', String(this.port), '--data-dir', join(this.root, 'server')],
      env: { GANZHI_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '', PORT: '' },
      readyLine: /Ganzhi console: /,
      timeoutMs: 30_000,
    });
    this.server = process;
    this.processes.add(process);
    const login = await fetch(new URL('api/v1/auth/login', this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    this.#cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  }

  async stopServer(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  async api<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(`api/v1/${path}`, this.url), {
      method,
      headers: {
        cookie: this.#cookie,
        origin: new URL(this.url).origin,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  async createCheck(input: CheckInputRaw): Promise<Check> {
    return this.api<Check>('POST', 'checks', input);
  }

  async enrolmentToken(location: string): Promise<string> {
    return (await this.api<{ token: string }>('POST', 'agents/enrolment-tokens', { location })).token;
  }

  agentDir(name: string): string {
    return join(this.root, `agent-${name}`);
  }

  /** Starts `ganzhi agent` (the token is only needed the first time a data directory is used). */
  async startAgent(options: {
    name: string;
    location: string;
    token?: string;
    speedup?: number;
    env?: NodeJS.ProcessEnv;
  }): Promise<GanzhiProcess> {
    const args = [
      'agent',
      '--server',
      this.url,
      '--location',
      options.location,
      '--name',
      options.name,
      '--data-dir',
      this.agentDir(options.name),
      '--speedup',
      String(options.speedup ?? 1),
    ];
    if (options.token) args.push('--token', options.token);
    const { process } = await spawnGanzhi({
      args,
      env: { GANZHI_AGENT_UPLOAD_MAX_BACKOFF_MS: '2000', ...options.env },
      readyLine: /^Ganzhi agent /,
      timeoutMs: 30_000,
    });
    this.processes.add(process);
    return process;
  }

  /** Reads an agent's outbox from outside (read-only), as an operator's tool would. */
  readOutbox(name: string): { integrity: string; runIds: string[]; hasAssignment: boolean } {
    const db = new Database(join(this.agentDir(name), 'outbox.db'), { readonly: true, fileMustExist: true });
    try {
      const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((row) => row.integrity_check)
        .join('; ');
      const runIds = (db.prepare('SELECT id FROM outbox_runs ORDER BY seq').all() as { id: string }[]).map(
        (row) => row.id,
      );
      const hasAssignment =
        db.prepare("SELECT 1 FROM agent_state WHERE key = 'assignments'").get() !== undefined;
      return { integrity, runIds, hasAssignment };
    } finally {
      db.close();
    }
  }

  /** Every stored run as the server's database has it (read after the server stopped, or alongside in WAL mode). */
  readServerRuns(): { id: string; check_id: string; agent_id: string; started_at: number }[] {
    const db = new Database(join(this.root, 'server', 'ganzhi.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db
        .prepare(
          'SELECT r.id, c.check_id, o.agent_id, r.started_at FROM runs r ' +
            'JOIN run_checks c ON c.no = r.check_no JOIN run_origins o ON o.no = r.origin_no ORDER BY r.started_at',
        )
        .all() as { id: Buffer; check_id: string; agent_id: string; started_at: number }[];
      return rows.map((row) => ({ ...row, id: storedRunId(row.id) }));
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    for (const process of this.processes) await process.kill();
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** A run id as the server stores it: a UUID's 16 bytes, any other id its UTF-8 bytes (see the server's run-id-bytes.ts). */
function storedRunId(bytes: Buffer): string {
  if (bytes.length !== 16) return bytes.toString('utf8');
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Waits until `probe` returns a value (not undefined), polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A suite of real processes: runs when the CLI is built (`npm test` builds first), is skipped with a notice
 * otherwise, and fails instead when GANZHI_REQUIRE_E2E=1 (CI).
 */
export function describeFleet(name: string, body: (fleet: () => Fleet) => void): void {
  if (!isCliBuilt()) {
    if (process.env.GANZHI_REQUIRE_E2E === '1')
      throw new Error(`${name}: the CLI is not built (run npx tsc -b)`);
    // eslint-disable-next-line no-console -- the skip must be visible in the test output
    console.warn(`[skip] ${name}: apps/cli/dist is missing; run npx tsc -b to run these process tests`);
    describe.skip(name, () => body(() => new Fleet()));
    return;
  }
  describe(name, () => {
    const fleet = new Fleet();
    afterAll(() => fleet.close());
    body(() => fleet);
  });
}
