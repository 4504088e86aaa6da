import type { StepKind } from '@ganzhi/contracts';

/**
 * Each kind's single-value fields, named as in the API (and in the editor). Lists, records and nested objects
 * (headers, extract, actions, auth …) are placed by `check-form-issues.ts`, which knows their row shapes.
 */
export const PLAIN_STEP_FIELDS: Readonly<Record<StepKind, readonly string[]>> = {
  http: [
    'name',
    'method',
    'url',
    'timeoutMs',
    'expectStatus',
    'bodyContains',
    'maxLatencyMs',
    'maxRedirects',
    'insecureTls',
  ],
  tcp: ['name', 'host', 'port', 'send', 'expect', 'timeoutMs'],
  dns: ['name', 'query', 'recordType', 'resolver', 'timeoutMs'],
  tls: ['name', 'host', 'port', 'servername', 'minDaysToExpiry', 'requireTrustedChain', 'timeoutMs'],
  browser: ['name', 'timeoutMs', 'screenshotOnSuccess'],
  wait: ['name', 'durationMs'],
};

/** Fields of the rows of a step's tables, by table. */
export const ROW_FIELDS: Readonly<Record<'extract' | 'assert' | 'actions', readonly string[]>> = {
  extract: ['variable', 'from', 'expression', 'secret'],
  assert: ['subject', 'expression', 'comparison', 'value'],
  actions: ['action', 'url', 'selector', 'value', 'key', 'state', 'text'],
};

/** Fields of a step's nested objects. */
export const OBJECT_FIELDS: Readonly<Record<'viewport' | 'auth' | 'clientCertificate', readonly string[]>> = {
  viewport: ['width', 'height'],
  auth: ['type', 'username', 'password', 'token'],
  clientCertificate: ['certPem', 'keyPem', 'passphrase'],
};
