import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Creates the agent's data directory readable by its owner only. Modes are set explicitly after creation: the
 * process umask may be anything. An existing directory is left as the operator made it.
 */
export function createPrivateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Makes a file readable and writable by its owner only (0600), creating it empty when asked: the outbox holds the
 * runs' problem scenes and the agent's state, which other local users must not read.
 */
export function restrictToOwner(path: string, options: { create: boolean }): void {
  if (!existsSync(path)) {
    if (!options.create) return;
    closeSync(openSync(path, 'a', 0o600));
  }
  chmodSync(path, 0o600);
}
