// Runs documented examples as a reader would: a fresh `ganzhi serve --demo` (what `npm start` runs), a working
// directory of their own, their shell blocks in bash one after another, their checks applied and run once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnGanzhi, type GanzhiProcess } from '@ganzhi/testing';

export const REPOSITORY_ROOT = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

/** A `ganzhi serve --demo` started as `npm start` starts it, but on free ports and a data directory of its own. */
export interface DemoServer {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  readonly demoUrl: string;
  readonly demoHttpsUrl: string;
  /** The password generated at first start and printed, as a fresh `npm start` prints it. */
  readonly adminPassword: string;
  /** When it printed its banner (ms since the epoch). */
  readonly startedAtMs: number;
  output(): string;
  stop(): Promise<void>;
}

function matchIn(text: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(text)?.[1];
  if (found === undefined) throw new Error(`the server did not print ${what}; it printed:\n${text}`);
  return found;
}

/**
 * `npm start` runs `node apps/cli/dist/main.js serve --demo` in the checkout; this runs the same command. The
 * ports are free ones instead of 8080/8081/8443 (a developer's own `npm start` may hold those), and no admin
 * password is set, so one is generated and printed exactly as on a first start.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ganzhi-docs-server-'));
  let process: GanzhiProcess;
  let match: RegExpExecArray;
  try {
    ({ process, match } = await spawnGanzhi({
      args: ['serve', '--demo', '--port', '0', '--data-dir', dataDir],
      env: {
        PORT: '',
        DATABASE_URL: '',
        GANZHI_ADMIN_PASSWORD: '',
        GANZHI_DEMO_PORT: '0',
        GANZHI_DEMO_TLS_PORT: '0',
      },
      readyLine: /^Admin login: admin \/ (\S+)$/,
      // Generous: on a loaded machine loading the modules alone can take half a minute.
      timeoutMs: 180_000,
    }));
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const printed = process.output();
  return {
    url: matchIn(printed, /^Ganzhi console: (\S+)$/m, 'its console URL'),
    demoUrl: matchIn(printed, /^Demo back end: (http:\S+)/m, 'the demo back end'),
    demoHttpsUrl: matchIn(printed, /^Demo back end: \S+ and (https:\S+)/m, 'the HTTPS demo back end'),
    adminPassword: match[1] ?? '',
    startedAtMs: Date.now(),
    output: () => process.output(),
    async stop() {
      await process.stop(5000);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Waits until a fresh server has done its first minute's work. Over the demo's three-hour backfill, the score
 * evaluator's first cycle (30 s after start) and the rollup compaction's first (60 s after start) keep the server
 * from answering for seconds — on a loaded machine for longer than an agent's enrolment request waits (15 s), and
 * an enrolment token is used once. A reader reaches the agent examples later than that; the test waits the same
 * way: 70 s after start, then until `/healthz` has answered within 300 ms for 5 s running.
 */
export async function waitUntilSettled(
  server: DemoServer,
  options: { readonly timeoutMs: number },
): Promise<void> {
  const giveUpAt = Date.now() + options.timeoutMs;
  let quietSince: number | undefined;
  while (Date.now() < giveUpAt) {
    const askedAt = Date.now();
    const isQuick = await fetch(new URL('healthz', server.url), { signal: AbortSignal.timeout(300) }).then(
      (response) => response.ok,
      () => false,
    );
    const now = Date.now();
    quietSince = isQuick && now - askedAt < 300 ? (quietSince ?? askedAt) : undefined;
    if (now - server.startedAtMs >= 70_000 && quietSince !== undefined && now - quietSince >= 5000) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the server did not settle within ${options.timeoutMs} ms`);
}

const origin = (url: string) => new URL(url).origin;

/**
 * What the test changes in an example before running it, and nothing else: the documented addresses become the
 * free ports this server got, and the `…` a reader replaces with the printed admin password becomes that password.
 */
export function adaptToServer(text: string, server: DemoServer): string {
  const replacements: ReadonlyArray<readonly [string, string]> = [
    ['http://127.0.0.1:8080', origin(server.url)],
    ['http://127.0.0.1:8081', origin(server.demoUrl)],
    ['https://127.0.0.1:8443', origin(server.demoHttpsUrl)],
    ['"password":"…"', `"password":${JSON.stringify(server.adminPassword)}`],
  ];
  return replacements.reduce((adapted, [from, to]) => adapted.split(from).join(to), text);
}

/** A reader's terminal: a directory, the environment, and the state one shell block leaves for the next. */
export interface Workspace {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stateFile: string;
  remove(): void;
}

/** Is this command on the PATH? (The examples need bash, curl, jq and gzip.) */
export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * A fresh working directory holding `docs/examples/` as a checkout does (examples apply them by that path), and a
 * PATH with `ganzhi` (the npm-linked bin, as `npx ganzhi` runs it) and a `curl` that fails on answers other than
 * 2xx (`--fail-with-body`), so an example whose request is refused fails instead of printing an error.
 * `GANZHI_SERVER` points the CLI's default (`http://127.0.0.1:8080/`) at this server's port.
 */
export function createWorkspace(server: DemoServer): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'ganzhi-docs-examples-'));
  const dir = join(root, 'work');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  cpSync(join(REPOSITORY_ROOT, 'docs/examples'), join(dir, 'docs/examples'), { recursive: true });
  symlinkSync(join(REPOSITORY_ROOT, 'node_modules/.bin/ganzhi'), join(bin, 'ganzhi'));
  const realCurl = spawnSync('sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).stdout.trim();
  writeFileSync(join(bin, 'curl'), `#!/bin/sh\nexec ${realCurl} --fail-with-body "$@"\n`);
  chmodSync(join(bin, 'curl'), 0o755);
  return {
    dir,
    stateFile: join(root, 'state.sh'),
    env: {
      PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      HOME: root,
      LANG: 'C.UTF-8',
      GANZHI_SERVER: server.url,
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Writes a file an example names (`# checks/web-hall.yaml`) into the workspace. */
export function writeWorkspaceFile(workspace: Workspace, path: string, text: string): void {
  const target = join(workspace.dir, path);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
}

function shellScript(workspace: Workspace, block: string, options: { saveState: boolean }): string {
  return [
    'set -euo pipefail',
    `if [ -f '${workspace.stateFile}' ]; then source '${workspace.stateFile}'; fi`,
    `cd '${workspace.dir}'`,
    block,
    ...(options.saveState ? [`export -p > '${workspace.stateFile}'`] : []),
  ].join('\n');
}

interface ShellChild {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  /** stdout and stderr interleaved. */
  readonly output: () => string;
}

function spawnShell(workspace: Workspace, script: string): ShellChild {
  const child = spawn('bash', ['-c', script], {
    cwd: workspace.dir,
    env: workspace.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stdout: string[] = [];
  const both: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout.push(chunk.toString());
    both.push(chunk.toString());
  });
  child.stderr?.on('data', (chunk: Buffer) => both.push(chunk.toString()));
  return { child, stdout: () => stdout.join(''), output: () => both.join('') };
}

/** Ends a block's whole process group (bash and what it started): SIGTERM, then SIGKILL after `graceMs`. */
async function stopGroup(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // The group is gone already.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface ShellResult {
  readonly code: number | null;
  readonly stdout: string;
  /** stdout and stderr interleaved, for messages. */
  readonly output: string;
}

/** Runs one shell block to its end (at most `timeoutMs`); its exported variables are kept for the next block. */
export async function runShellBlock(
  workspace: Workspace,
  block: string,
  timeoutMs: number,
): Promise<ShellResult> {
  const { child, stdout, output } = spawnShell(workspace, shellScript(workspace, block, { saveState: true }));
  const timer = setTimeout(() => void stopGroup(child, 2000), timeoutMs);
  // 'close', not 'exit': everything the block printed has been read by then.
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout: stdout(), output: output() };
}

/** A block that keeps running (an agent), started in the background. */
export interface BackgroundBlock {
  output(): string;
  /** Stops it and answers its log lines at warn level or above (pino JSON, level ≥ 40). */
  stop(): Promise<string[]>;
}

/** Starts a block in the background and resolves once it has printed `readyText`; fails if it exits first. */
export async function startBackgroundBlock(
  workspace: Workspace,
  block: string,
  options: { readonly readyText: string; readonly timeoutMs: number },
): Promise<BackgroundBlock> {
  const { child, output } = spawnShell(workspace, shellScript(workspace, block, { saveState: false }));
  const handle: BackgroundBlock = {
    output,
    async stop() {
      await stopGroup(child, 5000);
      return output()
        .split('\n')
        .filter((line) => {
          if (!line.startsWith('{')) return false;
          try {
            return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 40;
          } catch {
            return false;
          }
        });
    },
  };
  const startedAt = Date.now();
  while (!output().includes(options.readyText)) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `exited (${child.exitCode ?? child.signalCode}) before printing "${options.readyText}":\n${output()}`,
      );
    if (Date.now() - startedAt > options.timeoutMs) {
      await handle.stop();
      throw new Error(`did not print "${options.readyText}" within ${options.timeoutMs} ms:\n${output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return handle;
}
