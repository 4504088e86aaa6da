import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A `ganzhi serve` child process and the console URL it printed. */
export interface ServerProcess {
  readonly consoleUrl: string;
  stop(): Promise<void>;
}

export interface StartServerOptions {
  readonly cliMain: string;
  readonly dataDir: string;
  readonly adminPassword: string;
  readonly timeoutMs: number;
}

const CONSOLE_LINE = /Ganzhi console: (http:\/\/\S+)/;

/** Stops the child: SIGTERM for a clean shutdown, SIGKILL if it has not exited after `graceMs`. */
async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Spawns `node <cliMain> serve --port 0` as a real process (SQLite in `dataDir`) and resolves once it prints its
 * console URL. Output is collected so a failed start reports what the server said.
 */
export async function startServerProcess(options: StartServerOptions): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GANZHI_ADMIN_PASSWORD: options.adminPassword,
    GANZHI_LOG_LEVEL: 'warn',
  };
  // The suite wants the embedded SQLite shape whatever the developer's shell points at.
  delete env.DATABASE_URL;
  delete env.PORT;
  const child = spawn(
    process.execPath,
    [options.cliMain, 'serve', '--port', '0', '--data-dir', options.dataDir],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));

  const consoleUrl = await new Promise<string>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      void stopChild(child, 2000);
      reject(new Error(`${reason}; server output:\n${output.join('')}`));
    };
    const timer = setTimeout(() => fail(`no console URL within ${options.timeoutMs} ms`), options.timeoutMs);
    child.once('exit', (code, signal) => fail(`server exited early (${code ?? signal})`));
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(`${line}\n`);
      const match = CONSOLE_LINE.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(match[1]);
      }
    });
  });
  return { consoleUrl, stop: () => stopChild(child, 5000) };
}
