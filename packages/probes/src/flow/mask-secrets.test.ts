import { describe, expect, it } from 'vitest';
import { SECRET_MASK, createSecretMasker, maskSecrets } from './mask-secrets.js';
import { secretForms } from './secret-forms.js';

const SECRET = 'Boss/Pa55 w+rd';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('createSecretMasker', () => {
  it.each([
    ['plain', SECRET],
    ['base64', b64(SECRET)],
    ['base64 without padding', b64(SECRET).replace(/=+$/, '')],
    ['URL-safe base64', Buffer.from(SECRET).toString('base64url')],
    ['encodeURIComponent', encodeURIComponent(SECRET)],
    ['form encoding', new URLSearchParams({ p: SECRET }).toString().slice(2)],
    [
      'lower-case percent escapes',
      encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    ],
    ['hex', Buffer.from(SECRET).toString('hex')],
  ])('masks the %s form', (_name, form) => {
    const masker = createSecretMasker([SECRET, 'ab']);
    expect(masker.reveals(`x=${form};`)).toBe(true);
    expect(masker.maskText(`x=${form};`)).not.toContain(form);
  });

  it('masks a secret as it appears escaped inside JSON text', () => {
    const secret = 'say "密码"\\';
    const json = JSON.stringify({ echoed: secret });
    expect(json).not.toContain(secret);
    expect(createSecretMasker([secret]).maskText(json)).toBe(`{"echoed":"${SECRET_MASK}"}`);
  });

  it('masks the secret inside the base64 of a longer text, such as an echoed basic-auth pair', () => {
    const masker = createSecretMasker([SECRET]);
    for (const user of ['u', 'us', 'usr', 'clerk0042']) {
      const header = `Basic ${b64(`${user}:${SECRET}`)}`;
      const masked = masker.maskText(header);
      expect(masked).toContain(SECRET_MASK);
      // What is left around the mask is too short to hold more than two bytes of the secret at each edge.
      expect(masked.replace('Basic ', '').replace(SECRET_MASK, '').length).toBeLessThanOrEqual(
        8 + user.length,
      );
    }
  });

  it('masks even a one-character secret literally, but not its chance-prone short encodings', () => {
    expect(secretForms('7')).toEqual(['7', 'Nw==']);
    expect(maskSecrets({ pin: 'code 7' }, ['7'])).toEqual({ pin: `code ${SECRET_MASK}` });
    expect(secretForms('')).toEqual([]);
  });

  it('masks every string value deeply and leaves keys and other values alone', () => {
    const value = { list: ['a s3cret b', 3, null], s3cret: true, bytes: new Uint8Array([1]) };
    expect(maskSecrets(value, ['s3cret'])).toEqual({
      list: [`a ${SECRET_MASK} b`, 3, null],
      s3cret: true,
      bytes: new Uint8Array([1]),
    });
  });

  it('masks the longest form first, so an encoding of a longer secret is hidden whole', () => {
    const masker = createSecretMasker(['pass', 'user:pass']);
    expect(masker.maskText(`Basic ${b64('user:pass')}`)).toBe(`Basic ${SECRET_MASK}`);
  });
});
