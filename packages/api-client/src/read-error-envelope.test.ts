import { errorEnvelopeSchema } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { parseErrorEnvelope, readErrorEnvelope } from './read-error-envelope.js';

const envelope = (error: Record<string, unknown>) => ({
  error: { code: 'X', message: 'm', requestId: 'r', ...error },
});

/** Valid envelopes, envelopes missing fields or with fields of the wrong type, and bodies that are none at all. */
const BODIES: readonly unknown[] = [
  envelope({}),
  envelope({ reason: 'region_out_of_scope', params: { region: 'zhuzhou', scope: 'changsha' } }),
  envelope({ details: [] }),
  envelope({ details: [{ path: 'name', message: 'Required', code: 'required' }] }),
  envelope({ details: [{ path: 'n', message: 'm', code: 'too_long', params: { maximum: 100 } }] }),
  envelope({ extra: 'ignored', details: [{ path: 'n', message: 'm', more: true }] }),
  envelope({ details: [{ path: 'n', message: 'm', params: { nested: { no: 1 } } }] }),
  envelope({ details: [{ path: 1, message: 'm' }] }),
  envelope({ details: [{ path: 'n' }] }),
  envelope({ details: [{ path: 'n', message: 'm', code: 7 }] }),
  envelope({ details: [null] }),
  envelope({ details: 'nope' }),
  envelope({ details: { path: 'n', message: 'm' } }),
  envelope({ reason: 3 }),
  envelope({ reason: null }),
  envelope({ params: { list: ['a'] } }),
  envelope({ params: [] }),
  envelope({ params: { ok: true } }),
  envelope({ code: 404 }),
  envelope({ message: null }),
  envelope({ requestId: undefined }),
  { error: { code: 'UNAVAILABLE', message: 'starting' } },
  { error: { message: 'bad gateway' } },
  { error: 'nope' },
  { error: [] },
  { message: 'not an envelope' },
  {},
  undefined,
  null,
  'text',
  42,
  [],
];

describe('parseErrorEnvelope', () => {
  it('accepts exactly what the contract’s schema accepts, with the same values', () => {
    for (const body of BODIES) {
      const parsed = errorEnvelopeSchema.safeParse(body);
      expect([body, parseErrorEnvelope(body)]).toEqual([body, parsed.success ? parsed.data.error : null]);
    }
  });

  it('gives the schema’s answer for any body a JSON text can hold', () => {
    for (const text of ['', 'not json', '<html>502 Bad Gateway</html>', '"text"', 'null', '{"error":{}}']) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      const parsed = errorEnvelopeSchema.safeParse(body);
      expect(parseErrorEnvelope(body)).toEqual(parsed.success ? parsed.data.error : null);
    }
  });
});

describe('readErrorEnvelope', () => {
  it('keeps the code, request id, reason, params and coded details of an envelope', () => {
    const error = readErrorEnvelope(403, BODIES[1], { retryAfterMs: null });
    expect(error).toMatchObject({ status: 403, code: 'X', requestId: 'r', reason: 'region_out_of_scope' });
    expect(error.params).toEqual({ region: 'zhuzhou', scope: 'changsha' });
    expect(readErrorEnvelope(400, BODIES[4]).details).toEqual([
      { path: 'n', message: 'm', code: 'too_long', params: { maximum: 100 } },
    ]);
  });

  it('makes any other body BAD_RESPONSE, keeping the words of a partial envelope', () => {
    expect(readErrorEnvelope(502, 'text')).toMatchObject({ code: 'BAD_RESPONSE', message: 'HTTP 502' });
    expect(readErrorEnvelope(502, undefined)).toMatchObject({ code: 'BAD_RESPONSE', requestId: null });
    expect(readErrorEnvelope(502, { error: { message: 'bad gateway' } })).toMatchObject({
      status: 502,
      code: 'BAD_RESPONSE',
      message: 'bad gateway',
      details: [],
      reason: null,
    });
  });

  it('carries the wait the server asked for', () => {
    expect(readErrorEnvelope(429, BODIES[0], { retryAfterMs: 2000 }).retryAfterMs).toBe(2000);
    expect(readErrorEnvelope(500, BODIES[0]).retryAfterMs).toBeNull();
  });
});
