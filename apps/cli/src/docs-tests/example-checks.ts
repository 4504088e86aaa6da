// The documented checks, applied to the example server and run once each, as the admin.
import type { DemoServer } from './example-runner.js';

interface AdminSession {
  readonly server: DemoServer;
  readonly cookie: string;
}

interface StepOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly errorMessage: string | null;
}

/** The outcome of one documented check's run, with what a failure needs to be understood. */
export interface CheckOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

async function call(session: AdminSession, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(new URL(`api/v1/${path}`, session.server.url), {
    method: 'POST',
    headers: {
      cookie: session.cookie,
      origin: new URL(session.server.url).origin,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as unknown;
}

/** Signs in as `admin` with the printed password (the session a reader has in the console). */
export async function signInAsAdmin(server: DemoServer): Promise<AdminSession> {
  const response = await fetch(new URL('api/v1/auth/login', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: server.adminPassword }),
  });
  if (!response.ok) throw new Error(`admin sign-in: ${response.status} ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { server, cookie };
}

/**
 * Has the fresh server score its first windows now (`POST /api/v1/scores/evaluate`) and waits for the answer. Its
 * first scoring covers the demo's three-hour backfill and keeps the server busy for many seconds; asked for at
 * once, it is done before the examples start instead of stalling one of them half a minute later.
 */
export async function scoreFirstWindows(session: AdminSession): Promise<void> {
  await call(session, 'scores/evaluate');
}

/**
 * Applies the checks (created, or updated by name when an example's own `ganzhi apply` made them already) and runs
 * each once now on the built-in agent; every run is stored like a scheduled one.
 */
export async function applyAndRunChecks(
  session: AdminSession,
  checks: readonly unknown[],
): Promise<CheckOutcome[]> {
  const applied = (await call(session, 'checks/apply', { checks })) as {
    results: { id: string; name: string }[];
  };
  const outcomes: CheckOutcome[] = [];
  for (const { id, name } of applied.results) {
    const run = (await call(session, `checks/${encodeURIComponent(id)}/run-now`)) as {
      ok: boolean;
      errorClass: string | null;
      errorMessage: string | null;
      steps: StepOutcome[];
    };
    const steps = run.steps.map(
      (step) => `${step.ok ? 'ok' : 'FAILED'} ${step.name}: ${step.errorMessage ?? ''}`,
    );
    outcomes.push({
      name,
      ok: run.ok,
      detail: `${run.errorClass ?? 'pass'} ${run.errorMessage ?? ''}\n  ${steps.join('\n  ')}`,
    });
  }
  return outcomes;
}
