import { gzipSync } from 'node:zlib';
import { createApiClient, isApiError } from '@ganzhi/api-client';
import { ingestResultSchema, type IngestResult, type TransactionRecord } from '@ganzhi/contracts';
import { invalidServerMessage, serverBaseUrl, unreachableServerMessage } from '../unreachable-server.js';

/** A failure that retrying will not fix (bad token, a request the server refuses). */
export class FatalUploadError extends Error {
  override readonly name = 'FatalUploadError';
}

export interface UploaderOptions {
  readonly server: string;
  readonly token: string;
  readonly maxAttempts: number;
  /** First backoff; doubled each attempt, with ±50 % jitter. */
  readonly baseDelayMs: number;
  /** Called before each retry (for the progress output). */
  readonly onRetry?: (reason: string, attempt: number) => void;
  /** Waits between attempts (tests pass a recorder instead of sleeping). */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter (default Math.random). */
  readonly random?: () => number;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The wait before `attempt` (2, 3 …): the base doubled per earlier retry, spread ±50 % so clients do not retry in step. */
export function backoffMs(attempt: number, options: Pick<UploaderOptions, 'baseDelayMs' | 'random'>): number {
  const base = options.baseDelayMs * 2 ** (attempt - 2);
  return Math.round(base * (0.5 + (options.random ?? Math.random)()));
}

/**
 * Posts one batch as gzip-compressed NDJSON to `/api/v1/ingest/transactions` and returns the server's verdict.
 * Network errors, 5xx and 429 are retried with exponential backoff and jitter (safe: records carry external ids, so
 * a batch the server committed before the answer was lost is counted once); other 4xx answers are fatal.
 */
export async function uploadBatch(
  records: readonly TransactionRecord[],
  options: UploaderOptions,
): Promise<IngestResult> {
  const body = gzipSync(records.map((record) => JSON.stringify(record)).join('\n'));
  const base = serverBaseUrl(options.server);
  if (!base) throw new FatalUploadError(invalidServerMessage(options.server));
  // One attempt per call: the retries below are this uploader's own (its backoff and progress output).
  const client = createApiClient({
    baseUrl: base.href,
    headers: () => ({ authorization: `Bearer ${options.token}` }),
    retry: { maxAttempts: 1 },
  });
  const rawBody = { data: body, contentType: 'application/x-ndjson', contentEncoding: 'gzip' };
  let lastReason = '';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    if (attempt > 1) {
      options.onRetry?.(lastReason, attempt);
      await (options.sleep ?? sleepFor)(backoffMs(attempt, options));
    }
    try {
      return await client.request('POST', 'api/v1/ingest/transactions', {
        rawBody,
        parser: ingestResultSchema,
      });
    } catch (error) {
      lastReason = retryReasonOf(error, base);
    }
  }
  throw new FatalUploadError(`gave up after ${options.maxAttempts} attempts: ${lastReason}`);
}

/** Why an attempt failed, when another may succeed; a failure that retrying will not fix is thrown. */
function retryReasonOf(error: unknown, base: URL): string {
  if (!isApiError(error)) throw error;
  if (error.code === 'NETWORK') return unreachableServerMessage(base.href, error.cause);
  if (error.status === 429 || error.status >= 500) return `server answered ${error.status}: ${error.message}`;
  if (error.status < 300)
    throw new FatalUploadError(
      `the server at ${base.href} answered the batch not as the Ganzhi API does (${error.status})`,
      { cause: error },
    );
  throw new FatalUploadError(`server refused the batch (${error.status}): ${error.message}`, {
    cause: error,
  });
}
