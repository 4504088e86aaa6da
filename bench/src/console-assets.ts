// Benchmark: what the console's first load of a page downloads, raw and compressed, read from a built console.
//
//   npm run build -w @ganzhi/console && npx tsc -b bench
//   node bench/dist/console-assets.js [--dir apps/console/dist]
//
// Needs the Vite manifest (`build.manifest`), which lists each chunk's static imports. See bench/README.md.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** One chunk of `.vite/manifest.json`, keyed there by its source path (or `_name-hash.js` for shared chunks). */
interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
  readonly css?: readonly string[];
}

type Manifest = Readonly<Record<string, ManifestChunk>>;

/** A console route and the modules its router loads lazily, as the manifest names them (source paths). */
interface RouteSpec {
  readonly name: string;
  readonly path: string;
  readonly lazyModules: readonly string[];
}

/**
 * The default language's pack (Chinese texts and antd's; dayjs's locale loads with the signed-in frame since
 * December 2026), which `main.tsx` loads before the first render; builds before per-language loading bundled both
 * languages in the entry, and report it as such.
 */
const DEFAULT_LANGUAGE = 'src/lib/i18n/language-zh-cn.ts';

/**
 * The login page, and the quality overview (`/quality`, where sign-in leads), the two pages a user lands on. They
 * mirror `apps/console/src/app/route-pages.tsx`; a module missing from the manifest is counted as part of the entry
 * (a build without route splitting).
 */
const ROUTES: readonly RouteSpec[] = [
  {
    name: 'login',
    path: '/login',
    lazyModules: [DEFAULT_LANGUAGE, 'src/features/auth/components/login-page.tsx'],
  },
  {
    name: 'overview',
    path: '/quality',
    lazyModules: [
      DEFAULT_LANGUAGE,
      'src/app/signed-in-frame.tsx',
      'src/features/quality/components/quality-overview-page.tsx',
    ],
  },
];

interface FileSizes {
  readonly file: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
  readonly brotliBytes: number;
}

interface RouteFigures {
  readonly route: string;
  readonly path: string;
  readonly files: readonly FileSizes[];
  readonly missingModules: readonly string[];
  readonly js: Totals;
  readonly css: Totals;
}

type Totals = Omit<FileSizes, 'file'>;

function main(): void {
  const dir = parseDir(process.argv.slice(2));
  const manifestPath = join(dir, '.vite', 'manifest.json');
  if (!existsSync(manifestPath))
    throw new Error(`${manifestPath} not found: build the console with build.manifest enabled`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
  const preloads = [...indexHtml.matchAll(/<link rel="modulepreload"[^>]*href="\/([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );
  console.log(`console: ${dir}`);
  console.log(`index.html preloads: ${preloads.join(', ') || '(none)'}`);

  const sizesOf = memoize((file: string) => measure(dir, file));
  const figures = ROUTES.map((route) => measureRoute(manifest, route, sizesOf));
  for (const route of figures) printRoute(route);
  console.log(JSON.stringify({ bench: 'console-assets', routes: figures.map(withoutFiles) }));
}

function measureRoute(
  manifest: Manifest,
  route: RouteSpec,
  sizesOf: (file: string) => FileSizes,
): RouteFigures {
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry === true);
  if (entryKey === undefined) throw new Error('the manifest has no entry chunk');
  const missingModules = route.lazyModules.filter((key) => manifest[key] === undefined);
  const roots = [entryKey, ...route.lazyModules.filter((key) => manifest[key] !== undefined)];
  const files = collectFiles(manifest, roots).map(sizesOf);
  const isJs = (file: FileSizes) => file.file.endsWith('.js');
  return {
    route: route.name,
    path: route.path,
    files,
    missingModules,
    js: sum(files.filter(isJs)),
    css: sum(files.filter((file) => !isJs(file))),
  };
}

/** The files the browser fetches before the route renders: each root chunk, its static imports, their CSS. */
function collectFiles(manifest: Manifest, roots: readonly string[]): string[] {
  const seenKeys = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string): void => {
    if (seenKeys.has(key)) return;
    seenKeys.add(key);
    const chunk = manifest[key];
    if (chunk === undefined) throw new Error(`the manifest names ${key} as an import but has no such chunk`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return [...files];
}

/** Compressed as the console's build precompresses (apps/console/vite.config.ts): gzip level 9, brotli 11. */
function measure(dir: string, file: string): FileSizes {
  const bytes = readFileSync(join(dir, file));
  return {
    file,
    rawBytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length,
    brotliBytes: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

function sum(files: readonly FileSizes[]): Totals {
  return files.reduce(
    (total, file) => ({
      rawBytes: total.rawBytes + file.rawBytes,
      gzipBytes: total.gzipBytes + file.gzipBytes,
      brotliBytes: total.brotliBytes + file.brotliBytes,
    }),
    { rawBytes: 0, gzipBytes: 0, brotliBytes: 0 },
  );
}

function printRoute(route: RouteFigures): void {
  console.log(`\n${route.route} (${route.path}): ${route.files.length} files`);
  if (route.missingModules.length > 0)
    console.log(`  not separate chunks (bundled in the entry): ${route.missingModules.join(', ')}`);
  console.log(
    `  ${'file (KiB)'.padEnd(44)} ${'raw'.padStart(9)} ${'gzip'.padStart(9)} ${'brotli'.padStart(9)}`,
  );
  for (const file of route.files) console.log(`  ${formatRow(file.file, file)}`);
  console.log(`  ${formatRow('total JS', route.js)}`);
  console.log(`  ${formatRow('total CSS', route.css)}`);
}

function formatRow(label: string, sizes: Totals): string {
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(9);
  return `${label.padEnd(44)} ${kb(sizes.rawBytes)} ${kb(sizes.gzipBytes)} ${kb(sizes.brotliBytes)}`;
}

function withoutFiles(route: RouteFigures): Omit<RouteFigures, 'files'> & { files: readonly string[] } {
  return { ...route, files: route.files.map((file) => file.file) };
}

function memoize<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const value = compute(key);
    cache.set(key, value);
    return value;
  };
}

function parseDir(args: string[]): string {
  const defaultDir = fileURLToPath(new URL('../../apps/console/dist', import.meta.url));
  const { values } = parseArgs({ args, options: { dir: { type: 'string', default: defaultDir } } });
  return resolve(values.dir);
}

main();
