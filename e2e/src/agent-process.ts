import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const cliMain = fileURLToPath(new URL('../../apps/cli/dist/main.js', import.meta.url));

/** A `ganzhi agent` child process started from the command line the console showed. */
export interface AgentProcess {
  /** What the agent printed, for a failed wait to report. */
  output(): string;
  stop(): Promise<void>;
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Runs the console's enrolment command (`ganzhi agent --server … --token … --location …`) with the built CLI, as
 * an operator would paste it on the agent host, plus a name and a data directory of the test's own.
 */
export function startAgentFromCommand(
  command: string,
  options: { name: string; dataDir: string },
): AgentProcess {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'ganzhi' || words[1] !== 'agent') throw new Error(`not an agent command: ${command}`);
  const child = spawn(
    process.execPath,
    [cliMain, ...words.slice(1), '--name', options.name, '--data-dir', options.dataDir],
    { env: { ...process.env, GANZHI_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { output: () => output.join(''), stop: () => stopChild(child, 5000) };
}
