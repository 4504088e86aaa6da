import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

const compressBrotli = promisify(brotliCompress);
const compressGzip = promisify(gzip);
/** Text the server sends compressed; fonts and images come compressed already. The manifest is never served. */
const COMPRESSIBLE = /^(?!\.vite\/).+\.(js|css|html|svg|json|txt)$/;

/**
 * Writes `<file>.br` (quality 11) and `<file>.gz` (level 9) beside every text file of the build, once, so the
 * server (apps/server/src/http/console-static.ts) sends them by Accept-Encoding without compressing per request.
 * A variant no smaller than its file is not written: the server then sends the file itself.
 */
function precompress(): Plugin {
  return {
    name: 'ganzhi-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      const files = Object.keys(bundle).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(files.map((file) => writeCompressed(join(outDir, file))));
    },
  };
}

async function writeCompressed(path: string): Promise<void> {
  const bytes = await readFile(path);
  const [brotli, gzipped] = await Promise.all([
    compressBrotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    compressGzip(bytes, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  if (brotli.length < bytes.length) await writeFile(`${path}.br`, brotli);
  if (gzipped.length < bytes.length) await writeFile(`${path}.gz`, gzipped);
}

/**
 * React in a chunk of its own: it changes less often than the console and caches separately. ECharts is left to
 * Rollup: its core goes into a chunk that every chart page shares, and each chart type or component into the chunks
 * of the pages whose option builders register it (`registerChartParts`), so the overview does not load the bars,
 * pies and legends of other pages. antd is split the same way along the pages that use each component: one antd
 * chunk would make the login page load the tables, pickers and trees.
 */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  if (/node_modules\/(react|react-dom|react-router|react-router-dom|scheduler)\//.test(id)) return 'react';
  return undefined;
}

/**
 * antd's form context (which every input imports) takes `FormProvider` from rc-field-form's index, whose top level
 * attaches Field, List and useForm to the Form component: Rollup must keep those assignments, so every page with an
 * input, the login page included, loaded the whole form library and its validator (13 KiB gzip). This resolves that
 * one import to the module that defines `FormProvider`; pages with forms import rc-field-form as before. If antd
 * ever takes another name from there, the build fails on the missing export instead of breaking quietly.
 */
function formProviderOnly(): Plugin {
  return {
    name: 'ganzhi-form-provider-only',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'rc-field-form' || !importer?.includes('/node_modules/antd/es/form/context.js'))
        return null;
      return this.resolve('rc-field-form/es/FormContext.js', importer, { skipSelf: true });
    },
  };
}

/**
 * react-router's package exports name only its development build (remix-run/react-router#12532), which keeps the
 * code of its development warnings in the bundle and runs it. In a build, this resolves react-router as usual and
 * then takes the same file from its production build beside it.
 */
function reactRouterProduction(): Plugin {
  return {
    name: 'ganzhi-react-router-production',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (source !== 'react-router' && source !== 'react-router/dom') return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      if (!resolved) return null;
      return {
        ...resolved,
        id: resolved.id.replace('/react-router/dist/development/', '/react-router/dist/production/'),
      };
    },
  };
}

/**
 * Whether Rollup must keep a module that is reached only through an index re-exporting it (`import { Button } from
 * 'antd'`, a feature's index.ts) although none of its exports is used. Such a module is loaded by every page that
 * imports the index: the login page loaded the side menu's rc-menu and every contract schema. antd declares itself
 * free of side effects; its rc-* components, the contracts and the console's modules do not, but set nothing global
 * at import either. Imports made for their effect (CSS, dayjs locales) match neither pattern and are kept.
 */
function hasSideEffects(id: string): boolean {
  if (/node_modules\/(rc-[^/]+|@rc-component\/[^/]+)\//.test(id)) return false;
  return !/\/(packages\/contracts|apps\/console)\/src\/.+\.tsx?$/.test(id);
}

export default defineConfig({
  plugins: [react(), formProviderOnly(), reactRouterProduction(), precompress()],
  resolve: {
    // Workspace packages export their TypeScript sources under this condition, so the console needs no prebuilt contracts.
    conditions: ['ganzhi-source', ...defaultClientConditions],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // .vite/manifest.json: which chunks each page loads, read by bench/src/console-assets.ts.
    manifest: true,
    // ECharts' core (about 500 kB) is one chunk on purpose: every chart page needs all of it.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
      treeshake: { moduleSideEffects: hasSideEffects },
      onwarn(warning, warn) {
        // zod ships comments Rollup cannot place; harmless, and not ours to fix.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev -w @ganzhi/console` against a `ganzhi serve` on the default port.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
