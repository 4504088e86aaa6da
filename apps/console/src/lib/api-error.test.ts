import { errorEnvelopeSchema } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { readErrorEnvelope, toApiError } from './api-error';

const envelope = (error: Record<string, unknown>) => ({
  error: { code: 'X', message: 'm', requestId: 'r', ...error },
});

const BODIES: readonly unknown[] = [
  envelope({}),
  envelope({ reason: 'region_out_of_scope', params: { region: 'zhuzhou', scope: 'changsha' } }),
  envelope({ details: [{ path: 'name', message: 'Required', code: 'required' }] }),
  envelope({ details: [{ path: 'n', message: 'm', code: 'too_long', params: { maximum: 100 } }] }),
  envelope({ details: [{ path: 'n', message: 'm', params: { nested: { no: 1 } } }] }),
  envelope({ details: [{ path: 1, message: 'm' }] }),
  envelope({ details: 'nope' }),
  envelope({ reason: 3 }),
  envelope({ params: { list: ['a'] } }),
  envelope({ code: 404 }),
  { error: 'nope' },
  { message: 'not an envelope' },
  null,
  'text',
  [],
];

describe('readErrorEnvelope', () => {
  it('accepts exactly what the contract’s schema accepts, with the same values', () => {
    for (const body of BODIES) {
      const parsed = errorEnvelopeSchema.safeParse(body);
      expect([body, readErrorEnvelope(body)]).toEqual([body, parsed.success ? parsed.data.error : null]);
    }
  });
});

describe('toApiError', () => {
  it('keeps the reason, params and coded details of an envelope', () => {
    const error = toApiError(403, BODIES[1]);
    expect(error).toMatchObject({ status: 403, code: 'X', reason: 'region_out_of_scope' });
    expect(error.params).toEqual({ region: 'zhuzhou', scope: 'changsha' });
    expect(toApiError(502, 'text')).toMatchObject({ code: 'BAD_RESPONSE', message: 'HTTP 502' });
  });
});
