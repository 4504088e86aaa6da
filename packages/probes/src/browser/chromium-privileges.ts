import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One way to start Chromium, most confined first; the launcher keeps the first that starts. */
export interface ChromiumLaunchPlan {
  readonly executablePath: string;
  /** False passes `--no-sandbox`: renderers then run with the launcher's own privileges. */
  readonly isSandboxed: boolean;
  /** For the log line when a plan fails and the next one is tried. */
  readonly description: string;
}

/** The account Chromium runs as when the agent is root; Debian's `nobody`/`nogroup`. */
export interface UnprivilegedAccount {
  readonly user: string;
  readonly group: string;
}

export const NOBODY: UnprivilegedAccount = { user: 'nobody', group: 'nogroup' };

/** Where the launcher keeps its wrapper script; removed when the launcher closes. */
export interface LaunchPlans {
  readonly plans: readonly ChromiumLaunchPlan[];
  dispose(): Promise<void>;
}

/**
 * Chromium's sandbox (user namespaces and seccomp) confines a compromised renderer; Chromium refuses to run it as
 * root. So as root Chromium is started through a wrapper that drops to an unprivileged account first, sandbox on;
 * otherwise it runs as the agent's own user with the sandbox on. `--no-sandbox` is only the last resort, for
 * machines without user namespaces (some container runtimes), and the launcher logs when it falls back to it.
 *
 * @example const { plans } = await planChromiumLaunch('/usr/bin/chromium', { uid: process.getuid?.() });
 */
export async function planChromiumLaunch(
  executablePath: string,
  environment: { uid: number | undefined; account?: UnprivilegedAccount },
): Promise<LaunchPlans> {
  const unsandboxed: ChromiumLaunchPlan = {
    executablePath,
    isSandboxed: false,
    description: 'without the sandbox',
  };
  if (environment.uid !== 0) {
    const sandboxed = { executablePath, isSandboxed: true, description: 'with the sandbox' };
    return { plans: [sandboxed, unsandboxed], dispose: () => Promise.resolve() };
  }
  const account = environment.account ?? NOBODY;
  const directory = await mkdtemp(join(tmpdir(), 'ganzhi-chromium-'));
  const wrapper = join(directory, 'chromium-as-unprivileged');
  await writeFile(wrapper, wrapperScript(executablePath, account), { mode: 0o700 });
  // Only root (the agent) may run or change it: it runs as root until it drops privileges.
  await chmod(wrapper, 0o700);
  const dropped: ChromiumLaunchPlan = {
    executablePath: wrapper,
    isSandboxed: true,
    description: `as ${account.user} with the sandbox`,
  };
  return {
    plans: [dropped, { ...unsandboxed, description: 'as root without the sandbox' }],
    dispose: () => rm(directory, { recursive: true, force: true }),
  };
}

/**
 * Hands Playwright's fresh profile directory to the account, makes it HOME (Chromium writes caches there), and
 * execs Chromium as the account with no capabilities and no way to regain any. The DevTools pipe (fds 3 and 4)
 * survives the exec.
 */
function wrapperScript(executablePath: string, account: UnprivilegedAccount): string {
  return `#!/bin/sh
set -eu
profile=""
for arg in "$@"; do
  case "$arg" in --user-data-dir=*) profile="\${arg#--user-data-dir=}" ;; esac
done
[ -n "$profile" ] || { echo "no --user-data-dir given" >&2; exit 1; }
chown -R ${shellQuote(`${account.user}:${account.group}`)} "$profile"
export HOME="$profile"
exec setpriv --reuid=${shellQuote(account.user)} --regid=${shellQuote(account.group)} --clear-groups \\
  --inh-caps=-all --no-new-privs -- ${shellQuote(executablePath)} "$@"
`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
