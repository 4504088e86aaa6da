// Installs npm dependencies when they are missing or older than package-lock.json, so `npm start` and
// `npm test` work on a fresh clone. Plain Node only: this runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    process.stderr.write(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 1);
  }
}

export function ensureInstalled() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const stale =
    !existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs);
  if (!stale) return;
  process.stdout.write('Installing dependencies (first run compiles better-sqlite3, about two minutes)…\n');
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

/** Newest modification time under `dir` (recursively), ignoring build output. */
function newestMtime(dir) {
  let newest = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    const stats = statSync(current);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(current)) {
        if (entry !== 'node_modules' && entry !== 'dist') stack.push(join(current, entry));
      }
    } else newest = Math.max(newest, stats.mtimeMs);
  }
  return newest;
}

/** Compiles the TypeScript projects (incremental) and builds the console when its sources changed. */
export function ensureBuilt() {
  run('npx', ['tsc', '-b']);
  const consoleIndex = join(root, 'apps/console/dist/index.html');
  const consoleSources = Math.max(
    newestMtime(join(root, 'apps/console/src')),
    newestMtime(join(root, 'packages/contracts/src')),
  );
  if (!existsSync(consoleIndex) || statSync(consoleIndex).mtimeMs < consoleSources) {
    run('npm', ['run', 'build', '-w', '@ganzhi/console']);
  }
}
