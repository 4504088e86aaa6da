import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built `ganzhi` command of this checkout. */
export const GANZHI_CLI = join(fileURLToPath(new URL('../../../', import.meta.url)), 'apps/cli/dist/main.js');

export function isCliBuilt(): boolean {
  return existsSync(GANZHI_CLI);
}

/** A `ganzhi …` child process with everything it printed. */
export interface GanzhiProcess {
  readonly child: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** SIGTERM (clean shutdown), then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a crash, as far as the process can tell. */
  kill(): Promise<void>;
}

export interface SpawnGanzhiOptions {
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (`--cpu-prof`, which NODE_OPTIONS does not take). */
  readonly nodeArgs?: readonly string[];
  /** Resolve once a stdout line matches (its match is returned). */
  readonly readyLine: RegExp;
  readonly timeoutMs: number;
}

async function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await once(child, 'exit');
}

/**
 * Spawns `node apps/cli/dist/main.js …` and resolves when it prints its ready line. A process that exits first,
 * or stays silent past the timeout, fails with everything it printed.
 */
export async function spawnGanzhi(
  options: SpawnGanzhiOptions,
): Promise<{ process: GanzhiProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), GANZHI_CLI, ...options.args], {
    env: { ...process.env, GANZHI_LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const handle: GanzhiProcess = {
    child,
    output: () => output.join(''),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await waitExit(child);
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await waitExit(child);
    },
  };
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void handle.kill();
      reject(new Error(`ganzhi ${options.args[0] ?? ''}: ${reason}; output:\n${output.join('')}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${options.timeoutMs} ms`), options.timeoutMs);
    child.once('exit', (code, signal) => fail(`exited early (${code ?? signal})`));
    if (!child.stdout) return fail('no stdout');
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      const found = options.readyLine.exec(line);
      if (found) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(found);
      }
    });
  });
  return { process: handle, match };
}

/** A TCP port free right now on 127.0.0.1 (for a server that must come back on the same port). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
