import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSecretBox, loadOrCreateSecretKey, parseSecretKey } from './secret-box.js';

describe('secret box', () => {
  it('seals with a fresh IV each time and refuses text altered or sealed under another key', () => {
    const box = createSecretBox(Buffer.alloc(32, 7));
    const first = box.seal('Hunan-boss-2026!');
    expect(first).toMatch(/^v1:/);
    expect(box.seal('Hunan-boss-2026!')).not.toBe(first);
    expect(box.open(first)).toBe('Hunan-boss-2026!');
    const bytes = Buffer.from(first.slice(3), 'base64');
    bytes.writeUInt8((bytes[20] ?? 0) ^ 1, 20);
    const altered = `v1:${bytes.toString('base64')}`;
    expect(() => box.open(altered)).toThrow();
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(first)).toThrow();
  });

  it('creates the key file owner-only at first start, reuses it, and lets the environment win', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ganzhi-key-')), 'data');
    const path = join(dir, 'secret.key');
    const created = loadOrCreateSecretKey({ fromEnv: undefined, path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(parseSecretKey(readFileSync(path, 'utf8'))).toEqual(created);
    expect(loadOrCreateSecretKey({ fromEnv: undefined, path })).toEqual(created);
    const fromEnv = Buffer.alloc(32, 9);
    expect(loadOrCreateSecretKey({ fromEnv: fromEnv.toString('hex'), path })).toEqual(fromEnv);
    expect(() => parseSecretKey('too-short')).toThrow(/32 bytes/);
  });
});
