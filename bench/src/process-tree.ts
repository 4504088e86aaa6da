import { readFileSync, readdirSync } from 'node:fs';

// Linux /proc accounting: utime/stime in clock ticks (100 per second on every kernel config this runs on).
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly cpuSeconds: number;
  readonly rssBytes: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime + stime, plus cutime + cstime: reaped children (closed renderers) still count, through their parent.
    const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    return {
      pid,
      ppid: Number(fields[1]),
      cpuSeconds: ticks / TICKS_PER_SECOND,
      rssBytes: Number(fields[21]) * PAGE_BYTES,
    };
  } catch {
    return undefined; // the process ended between listing and reading
  }
}

/**
 * CPU seconds and resident memory of `rootPid` and all its live descendants: a process and what it forked, worker
 * threads included (they are part of their process's own accounting).
 */
export function measureProcessTree(rootPid: number): { cpuSeconds: number; rssBytes: number } {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const stat of [readStat(rootPid), ...listDescendants(rootPid)]) {
    if (!stat) continue;
    cpuSeconds += stat.cpuSeconds;
    rssBytes += stat.rssBytes;
  }
  return { cpuSeconds, rssBytes };
}

/** Every live descendant of `rootPid` (not the root itself). */
export function listDescendants(rootPid: number): ProcStat[] {
  const stats = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const found: ProcStat[] = [];
  const queue = [...(children.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const next = queue.shift();
    if (!next) break;
    found.push(next);
    queue.push(...(children.get(next.pid) ?? []));
  }
  return found;
}

/** CPU seconds and resident memory of the descendants of `rootPid` whose command line matches `pattern`. */
export function measureTree(rootPid: number, pattern: RegExp): { cpuSeconds: number; rssBytes: number } {
  let cpuSeconds = 0;
  let rssBytes = 0;
  for (const stat of listDescendants(rootPid)) {
    let command = '';
    try {
      command = readFileSync(`/proc/${stat.pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!pattern.test(command)) continue;
    cpuSeconds += stat.cpuSeconds;
    rssBytes += stat.rssBytes;
  }
  return { cpuSeconds, rssBytes };
}
