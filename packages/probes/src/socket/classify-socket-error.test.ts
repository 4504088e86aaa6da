import { describe, expect, it } from 'vitest';
import type { ErrorClass } from '@ganzhi/contracts';
import { BlockedAddressError } from '../safety/guarded-lookup.js';
import { classifySocketError, describeSocketError } from './classify-socket-error.js';

const withCode = (code: string, message = `failed with ${code}`): Error =>
  Object.assign(new Error(message), { code });

describe('classifySocketError', () => {
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
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls'],
    ['HPE_INVALID_CONSTANT', 'protocol'],
    ['ERR_INVALID_ARG_TYPE', 'internal'],
  ])('classifies %s as %s', (code, errorClass) => {
    expect(classifySocketError(withCode(code))).toBe(errorClass);
  });

  it('classifies a target refused by the address policy as blocked', () => {
    expect(classifySocketError(new BlockedAddressError('127.0.0.1 is in a denied address range'))).toBe(
      'blocked',
    );
  });

  it('uses the first attempt of a happy-eyeballs AggregateError', () => {
    const error = new AggregateError([withCode('ECONNREFUSED'), withCode('ENETUNREACH')], '');
    expect(classifySocketError(error)).toBe('connect_refused');
  });

  it('treats errors without a code, and non-errors, as internal', () => {
    expect(classifySocketError(new TypeError('cannot read properties of undefined'))).toBe('internal');
    expect(classifySocketError('a string')).toBe('internal');
  });
});

describe('describeSocketError', () => {
  it("keeps Node's message when it already names the code", () => {
    const error = withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1');
    expect(describeSocketError(error, 'connect_refused')).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('adds the code when the message lacks it', () => {
    expect(describeSocketError(withCode('ECONNRESET', 'socket hang up'), 'connect_reset')).toBe(
      'socket hang up (ECONNRESET)',
    );
  });

  it("takes an empty AggregateError's message from its first attempt", () => {
    const error = new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:1')], '');
    expect(describeSocketError(error, 'connect_refused')).toBe('connect ECONNREFUSED ::1:1');
  });

  it('marks internal failures as the probe’s own', () => {
    expect(describeSocketError(new TypeError('oops'), 'internal')).toBe(
      'unexpected probe failure: TypeError: oops',
    );
  });
});
