import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@ganzhi/runtime';
import { openTestApp, type TestApp } from '../test-app.js';

const INDEX_HTML =
  '<!doctype html><title>感知</title><script type="module" src="/assets/app-1a2b3c4d.js"></script>';
const APP_JS = `export const greeting = ${JSON.stringify('余额 '.repeat(200))};`;
const SCRIPT = '/assets/app-1a2b3c4d.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A built console as the console's build writes it: each file with its .br and .gz beside it, or none if tiny. */
function writeConsoleFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ganzhi-console-'));
  mkdirSync(join(dir, 'assets'));
  const writeWithVariants = (path: string, text: string) => {
    writeFileSync(join(dir, path), text);
    writeFileSync(join(dir, `${path}.br`), brotliCompressSync(text));
    writeFileSync(join(dir, `${path}.gz`), gzipSync(text));
  };
  writeWithVariants('index.html', INDEX_HTML);
  writeWithVariants('assets/app-1a2b3c4d.js', APP_JS);
  writeFileSync(join(dir, 'assets/tiny-9z8y7x6w.css'), 'a{}');
  return dir;
}

describe('console files', () => {
  let consoleDir: string;
  let harness: TestApp;
  const get = (url: string, acceptEncoding?: string) =>
    harness.app.inject({
      url,
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  beforeAll(async () => {
    consoleDir = writeConsoleFixture();
    harness = await openTestApp({ dialect: 'sqlite', clock: systemClock, consoleDir });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(consoleDir, { recursive: true, force: true });
  });

  it('sends the brotli file to a browser that accepts brotli, with its own length and the script type', async () => {
    const response = await get(SCRIPT, 'gzip, deflate, br, zstd');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(response.headers['content-length']).toBe(String(response.rawPayload.length));
    expect(response.rawPayload.length).toBeLessThan(Buffer.byteLength(APP_JS));
    expect(brotliDecompressSync(response.rawPayload).toString()).toBe(APP_JS);
    expect(response.headers.vary).toMatch(/accept-encoding/i);
  });

  it('sends gzip when brotli is not accepted, and when the browser refuses it outright', async () => {
    for (const acceptEncoding of ['gzip', 'br;q=0, gzip']) {
      const response = await get(SCRIPT, acceptEncoding);
      expect(response.headers['content-encoding']).toBe('gzip');
      expect(response.headers['content-length']).toBe(String(response.rawPayload.length));
      expect(gunzipSync(response.rawPayload).toString()).toBe(APP_JS);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('sends the file itself without Accept-Encoding, still varying on it for caches', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const response = await get(SCRIPT, acceptEncoding);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.body).toBe(APP_JS);
      expect(response.headers['content-length']).toBe(String(Buffer.byteLength(APP_JS)));
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('sends the file itself when the build wrote no compressed variant of it', async () => {
    const response = await get('/assets/tiny-9z8y7x6w.css', 'br, gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^text\/css/);
    expect(response.body).toBe('a{}');
  });

  it('lets browsers keep hashed assets for a year without asking again', async () => {
    for (const url of [SCRIPT, '/assets/tiny-9z8y7x6w.css']) {
      expect((await get(url, 'br')).headers['cache-control']).toBe(IMMUTABLE);
    }
  });

  it('has index.html revalidated on every load, including as the fallback of client routes', async () => {
    for (const url of ['/', '/index.html', '/checks/abc', '/quality?resolution=1h']) {
      const response = await get(url, 'br');
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-encoding']).toBe('br');
      expect(response.headers.vary).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(response.rawPayload).toString()).toBe(INDEX_HTML);
    }
  });

  it('answers 404 for an unknown asset instead of index.html, and gives the variants no URL of their own', async () => {
    for (const url of ['/assets/gone-00000000.js', `${SCRIPT}.br`, `${SCRIPT}.gz`]) {
      const response = await get(url, 'br, gzip');
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });
});
