import { describe, expect, it } from 'vitest';
import type { ErrorClass } from '@ganzhi/contracts';
import { classifyHttpError } from './classify-http-error.js';

const withCode = (code: string): Error => Object.assign(new Error(`failed with ${code}`), { code });

describe('classifyHttpError', () => {
  it.each<[string, ErrorClass]>([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'connect_refused'],
    ['ECONNRESET', 'connect_reset'],
    ['EPIPE', 'connect_reset'],
    ['EHOSTUNREACH', 'host_unreachable'],
    ['ENETUNREACH', 'host_unreachable'],
    ['ETIMEDOUT', 'timeout'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['HPE_HEADER_OVERFLOW', 'protocol'],
    ['ERR_INVALID_ARG_TYPE', 'internal'],
  ])('classifies %s as %s', (code, errorClass) => {
    expect(classifyHttpError(withCode(code))).toBe(errorClass);
  });

  it('uses the first attempt of a happy-eyeballs AggregateError', () => {
    const error = new AggregateError(
      [withCode('ECONNREFUSED'), withCode('ENETUNREACH')],
      'all attempts failed',
    );
    expect(classifyHttpError(error)).toBe('connect_refused');
  });

  it('treats errors without a code, and non-errors, as internal', () => {
    expect(classifyHttpError(new TypeError('cannot read properties of undefined'))).toBe('internal');
    expect(classifyHttpError('a string')).toBe('internal');
  });
});
