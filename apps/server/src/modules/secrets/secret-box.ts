import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createPrivateDir, restrictToOwner } from '@ganzhi/runtime';

/** Encrypts and decrypts small values at rest (probe secrets, second-factor keys) with one AES-256-GCM key. */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the text was not sealed with this key or was altered. */
  open(sealed: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A box over a 32-byte key. Sealed text is `v1:` + base64(iv ‖ tag ‖ ciphertext): a fresh 96-bit IV per value, and
 * the tag makes any change to the stored text fail to open rather than decrypt to garbage.
 *
 * @example const box = createSecretBox(key); box.open(box.seal('s3cret')) // 's3cret'
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new RangeError('the secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    open(sealed) {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) throw new Error('not a sealed value');
      const bytes = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

/** `GANZHI_SECRET_KEY`: 32 bytes as base64 (44 characters) or hex (64 characters). */
export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new RangeError('must be 32 bytes, as base64 (44 characters) or hex (64 characters)');
  return key;
}

/**
 * The key from `GANZHI_SECRET_KEY`, else from `path`, created on first start with a random key and mode 0600 (the
 * directory 0700 when created here). Several server nodes must share one key: set the variable on each.
 */
export function loadOrCreateSecretKey(options: { fromEnv: string | undefined; path: string }): Buffer {
  if (options.fromEnv) return parseSecretKey(options.fromEnv);
  if (existsSync(options.path)) return parseSecretKey(readFileSync(options.path, 'utf8'));
  createPrivateDir(dirname(options.path));
  const key = randomBytes(32);
  restrictToOwner(options.path, { create: true });
  writeFileSync(options.path, `${key.toString('base64')}\n`, { flag: 'r+' });
  return key;
}
