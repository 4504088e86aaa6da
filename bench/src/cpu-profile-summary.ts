// Reads the `.cpuprofile` files `node --cpu-prof` writes (one per thread) and prints where the time went: by area
// (a package, a server module, node internals, native code, GC), by function (self time) and by function including
// what it called. Usable on its own: node bench/dist/cpu-profile-summary.js <dir> [--top 25]
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileTotals {
  /** Sampled time that was not idle, in ms. */
  readonly busyMs: number;
  readonly byArea: Map<string, number>;
  readonly selfByFunction: Map<string, number>;
  readonly totalByFunction: Map<string, number>;
}

/** Where a script lives, coarsely: `kysely`, `server:runs`, `probes:http`, `node:internal`, `(native)` … */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1]) return modules[1];
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const server = /apps\/server\/dist\/(?:modules\/)?([^/.]+)/.exec(url);
  if (server?.[1]) return `server:${server[1]}`;
  const ours = /(?:packages|apps)\/([^/]+)\/dist\/([^/.]+)/.exec(url);
  if (ours?.[1]) return `${ours[1]}:${ours[2] ?? ''}`;
  return url;
}

function keyOf(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/(?:dist|node_modules)\//, '').replace(/^file:\/\//, '');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

/** Sums every profile in `dir` (all threads of a process, or several processes). */
export function summariseProfiles(dir: string): ProfileTotals {
  const totals: ProfileTotals = {
    busyMs: 0,
    byArea: new Map(),
    selfByFunction: new Map(),
    totalByFunction: new Map(),
  };
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'))) {
    addProfile(totals, JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
  }
  return totals;
}

function addProfile(totals: ProfileTotals & { busyMs: number }, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  profile.samples.forEach((id, index) => {
    // A sample stands for the time until the next one.
    const ms = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    totals.busyMs += ms;
    add(totals.byArea, areaOf(node.callFrame), ms);
    add(totals.selfByFunction, keyOf(node.callFrame), ms);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame && frame.functionName !== '(root)') onStack.add(keyOf(frame));
    }
    for (const key of onStack) add(totals.totalByFunction, key, ms);
  });
}

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** Prints the three tables, each entry as ms and share of busy time. */
export function printProfileSummary(totals: ProfileTotals, options: { top: number }): void {
  const line = ([name, ms]: [string, number]) =>
    `  ${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / totals.busyMs).toFixed(1).padStart(5)} %  ${name}`;
  console.log(`profile: ${(totals.busyMs / 1000).toFixed(1)} s busy (all threads)`);
  console.log('by area (self time):');
  top(totals.byArea, options.top).forEach((entry) => console.log(line(entry)));
  console.log('by function (self time):');
  top(totals.selfByFunction, options.top).forEach((entry) => console.log(line(entry)));
  console.log('by function (with what it called):');
  top(totals.totalByFunction, options.top).forEach((entry) => console.log(line(entry)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' } },
  });
  const dir = positionals[0];
  if (dir === undefined)
    throw new Error('usage: cpu-profile-summary <dir with .cpuprofile files> [--top 25]');
  printProfileSummary(summariseProfiles(dir), { top: Number(values.top) });
}
