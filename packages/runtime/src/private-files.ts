import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

/**
 * Creates a data directory readable by its owner only (0700), set explicitly after creation because the process umask
 * may be anything. An existing directory is left as the operator made it.
 *
 * @example createPrivateDir('./data')
 */
export function createPrivateDir(path: string): void {
  if (existsSync(path)) return;
  mkdirSync(path, { recursive: true, mode: 0o700 });
  chmodSync(path, 0o700);
}

/**
 * Makes a file readable and writable by its owner only (0600), creating it empty when asked: databases, outboxes and
 * key files hold password hashes, sealed secrets, credentials and results no other local user may read.
 *
 * @example restrictToOwner('./data/ganzhi.db', { create: true })
 */
export function restrictToOwner(path: string, options: { create: boolean }): void {
  if (!existsSync(path)) {
    if (!options.create) return;
    closeSync(openSync(path, 'a', 0o600));
  }
  chmodSync(path, 0o600);
}
