// `npm start`: install if needed, build if needed, then `ganzhi serve --demo` (port 8080 unless PORT is set).
import { spawn } from 'node:child_process';
import { ensureBuilt, ensureInstalled, root } from './ensure-installed.mjs';

ensureInstalled();
ensureBuilt();
const child = spawn(
  process.execPath,
  ['apps/cli/dist/main.js', 'serve', '--demo', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
