import { describe, expect, it } from 'vitest';
import { describeConnectionFailure, serverBaseUrl, unreachableServerMessage } from './unreachable-server.js';

/** What `fetch` throws: a bare "fetch failed" whose cause says what happened. */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause });
}

function systemError(code: string, message = `connect ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

describe('unreachableServerMessage', () => {
  it('names the URL, the cause in words and what to change', () => {
    expect(unreachableServerMessage('http://127.0.0.1:8080/', fetchFailed(systemError('ECONNREFUSED')))).toBe(
      'cannot reach the Ganzhi server at http://127.0.0.1:8080/ (connection refused); set --server or GANZHI_SERVER',
    );
  });

  it('reads the cause of every address tried, a host that does not resolve, and ports fetch refuses', () => {
    const both = new AggregateError([systemError('ECONNREFUSED'), systemError('ECONNREFUSED')]);
    expect(describeConnectionFailure(fetchFailed(both))).toBe('connection refused');
    expect(describeConnectionFailure(fetchFailed(systemError('ENOTFOUND')))).toBe('host not found');
    expect(describeConnectionFailure(fetchFailed(new Error('bad port')))).toBe(
      'fetch never connects to that port',
    );
  });

  it('keeps the words of causes it has no name for, and says TLS for certificate problems', () => {
    expect(describeConnectionFailure(fetchFailed(systemError('EWEIRD', 'something odd')))).toBe(
      'something odd',
    );
    expect(
      describeConnectionFailure(fetchFailed(systemError('CERT_HAS_EXPIRED', 'certificate has expired'))),
    ).toBe('TLS: certificate has expired');
  });
});

describe('serverBaseUrl', () => {
  it('adds the trailing slash API paths are resolved against, and refuses what is not http(s)', () => {
    expect(serverBaseUrl('http://ganzhi.example:8080/base')?.href).toBe('http://ganzhi.example:8080/base/');
    expect(serverBaseUrl('localhost:8080')).toBeUndefined();
    expect(serverBaseUrl('not a url')).toBeUndefined();
  });
});
