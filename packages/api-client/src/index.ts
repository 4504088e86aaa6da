// API client: the one way the console, the agent and the CLI call the Ganzhi API and read its error envelope.
export { ApiError, isApiError } from './api-error.js';
export type { ApiErrorInit, ClientErrorCode, FieldIssue, IssueParams } from './api-error.js';
export { parseErrorEnvelope, readErrorEnvelope } from './read-error-envelope.js';
export type { EnvelopeError, ErrorAnswer } from './read-error-envelope.js';
export { parseRetryAfterMs } from './retry-after.js';
export { createApiClient } from './api-client.js';
export type {
  ApiClient,
  ApiClientOptions,
  ApiResponse,
  HttpMethod,
  ParsedRequestOptions,
  RawBody,
  RequestOptions,
  ResponseParser,
  RetryPolicy,
} from './api-client.js';
