import type { ErrorClass } from '@ganzhi/contracts';

// Codes from getaddrinfo (dns.lookup) and c-ares; EAI_AGAIN is also what an unreachable resolver gives.
const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EAI_NONAME',
  'ENODATA',
  'ESERVFAIL',
]);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

/**
 * OpenSSL verification results (`CERT_HAS_EXPIRED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, `UNABLE_TO_VERIFY_LEAF_SIGNATURE` …)
 * have no common prefix, so they are matched by the words they share; Node's own TLS errors are `ERR_TLS_*` and
 * OpenSSL's handshake errors surface as `ERR_SSL_*`.
 */
const TLS_CODE_PATTERN = /^ERR_(SSL|TLS)_|CERT|^UNABLE_TO_|SELF_SIGNED|^HOSTNAME_MISMATCH$|^INVALID_PURPOSE$/;

/**
 * Maps an error raised by a socket, TLS handshake or HTTP parser to the stable error class a run records.
 * Anything unrecognised is `internal`: a probe bug or an unforeseen failure mode, never silently the target's fault.
 *
 * @example classifyHttpError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })) // 'connect_refused'
 */
export function classifyHttpError(error: unknown): ErrorClass {
  const code = errorCodeOf(error);
  if (code === undefined) return 'internal';
  if (code === 'EBLOCKED') return 'blocked';
  if (DNS_CODES.has(code)) return 'dns';
  if (code === 'ECONNREFUSED') return 'connect_refused';
  if (RESET_CODES.has(code)) return 'connect_reset';
  if (UNREACHABLE_CODES.has(code)) return 'host_unreachable';
  // The kernel gave up on the connection before our own step timeout did.
  if (code === 'ETIMEDOUT') return 'timeout';
  if (code.startsWith('HPE_')) return 'protocol';
  if (TLS_CODE_PATTERN.test(code)) return 'tls';
  return 'internal';
}

/**
 * The error's `code`. With happy eyeballs (autoSelectFamily) a failed connect is an AggregateError whose own code
 * may be missing, so the first attempt's code stands for all of them.
 */
export function errorCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  if (error instanceof AggregateError) {
    for (const inner of error.errors) {
      const code = errorCodeOf(inner);
      if (code !== undefined) return code;
    }
  }
  return undefined;
}
