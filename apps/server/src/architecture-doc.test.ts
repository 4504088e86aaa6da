// docs/architecture.md names every server module, every periodic job with its interval and every long-running
// service the server starts, so the page cannot fall behind the code unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverSrc = fileURLToPath(new URL('./', import.meta.url));
const repositoryRoot = join(serverSrc, '../../..');
const architecture = readFileSync(join(repositoryRoot, 'docs/architecture.md'), 'utf8');

function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start === -1) throw new Error(`docs/architecture.md has no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end === -1 ? undefined : end);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.d.ts'))
    .map((path) => join(dir, path));
}

interface RegisteredJob {
  readonly file: string;
  readonly name: string;
  readonly intervalMs: number | undefined;
}

/** Every `new PeriodicJob({ name: '…', intervalMs: … })` in the server's sources. */
function registeredJobs(): RegisteredJob[] {
  return sourceFiles(serverSrc).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/new PeriodicJob\(\{([\s\S]*?)\n\s*\}\);/g)].map((match) => {
      const body = match[1] ?? '';
      const name = /name:\s*'([^']+)'/.exec(body)?.[1] ?? '(no literal name)';
      const interval = /intervalMs:\s*([\d_]+)\s*,/.exec(body)?.[1];
      return {
        file: relative(repositoryRoot, file),
        name,
        intervalMs: interval === undefined ? undefined : Number(interval.replaceAll('_', '')),
      };
    });
  });
}

/** How the page writes an interval: `5 s`, `30 s`, `60 s`, `1 h`. */
function formatInterval(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${ms / 1000} s`;
}

describe('docs/architecture.md', () => {
  it('lists every module under apps/server/src/modules, and only those', () => {
    const folders = readdirSync(join(serverSrc, 'modules'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const listed = [...section(architecture, 'Server modules').matchAll(/^- `([a-z-]+)` — /gm)]
      .map((match) => match[1])
      .sort();
    expect(listed).toEqual(folders);
  });

  it('lists every periodic job with its interval', () => {
    const jobs = registeredJobs();
    expect(jobs.length).toBeGreaterThan(0);
    const table = section(architecture, 'Background work');
    const rows = new Map(
      [...table.matchAll(/^\| `([a-z-]+)` +\| ([^|]+?) +\|/gm)].map((match) => [match[1], match[2]]),
    );
    const problems = jobs.flatMap((job) => {
      if (job.intervalMs === undefined)
        return [
          `${job.file}: ${job.name}: intervalMs is not a number literal; update this test and the page`,
        ];
      const every = rows.get(job.name);
      if (every === undefined) return [`${job.name} (${job.file}) is not in the Background work table`];
      const expected = formatInterval(job.intervalMs);
      return every === expected ? [] : [`${job.name}: the page says every ${every}, the code ${expected}`];
    });
    expect(problems).toEqual([]);
    const unknown = [...rows.keys()].filter((name) => !jobs.some((job) => job.name === name));
    expect(unknown, 'jobs on the page that the code does not register').toEqual([]);
  });

  it('names every long-running service the server starts', () => {
    const server = readFileSync(join(serverSrc, 'server.ts'), 'utf8');
    const started = [...server.matchAll(/await (services\.[\w.]+)\.start\(\)/g)].map((match) => match[1]);
    expect(started.length).toBeGreaterThan(0);
    const table = section(architecture, 'Background work');
    expect(started.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it('claims only lint rules that eslint.config.js has', () => {
    const eslintConfig = readFileSync(join(repositoryRoot, 'eslint.config.js'), 'utf8');
    const claimed = [...architecture.matchAll(/Enforced by ESLint \(`([\w-/]+)`/g)].map((match) => match[1]);
    expect(claimed.length).toBeGreaterThan(0);
    expect(claimed.filter((rule) => !eslintConfig.includes(`'${rule ?? ''}'`))).toEqual([]);
  });
});
