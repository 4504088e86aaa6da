import { gzipSync } from 'node:zlib';
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
  const url = new URL('api/v1/ingest/transactions', base);
  let lastReason = '';
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    if (attempt > 1) {
      options.onRetry?.(lastReason, attempt);
      await (options.sleep ?? sleepFor)(backoffMs(attempt, options));
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.token}`,
          'content-type': 'application/x-ndjson',
          'content-encoding': 'gzip',
        },
        body,
      });
    } catch (error) {
      lastReason = unreachableServerMessage(base.href, error);
      continue;
    }
    const text = await response.text();
    if (response.ok) return ingestResultSchema.parse(JSON.parse(text));
    const message = readErrorMessage(text) ?? response.statusText;
    if (response.status === 429 || response.status >= 500) {
      lastReason = `server answered ${response.status}: ${message}`;
      continue;
    }
    throw new FatalUploadError(`server refused the batch (${response.status}): ${message}`);
  }
  throw new FatalUploadError(`gave up after ${options.maxAttempts} attempts: ${lastReason}`);
}

function readErrorMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string } };
    return parsed.error?.message;
  } catch {
    return undefined;
  }
}
