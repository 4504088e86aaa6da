import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError, ValidationError } from '@ganzhi/runtime';
import type { UnparsedRecord } from './transaction-records.js';

const gunzipAsync = promisify(gunzip);

export interface BodyLimits {
  /** Largest body after decompression (a small gzip can expand enormously). */
  readonly maxDecodedBytes: number;
  readonly maxRecords: number;
}

function invalid(message: string): ValidationError {
  return new ValidationError(message, [{ path: 'body', message }]);
}

async function decompress(body: Buffer, encoding: string | undefined, limits: BodyLimits): Promise<Buffer> {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return body;
  if (coding !== 'gzip' && coding !== 'x-gzip')
    throw invalid(`content-encoding "${coding}" is not supported (use gzip)`);
  try {
    return await gunzipAsync(body, { maxOutputLength: limits.maxDecodedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', `the body expands beyond ${limits.maxDecodedBytes} bytes`);
    throw invalid(`the body is not valid gzip (${(error as Error).message})`);
  }
}

function toText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('the body is not UTF-8 text');
  }
}

function tooMany(count: number, limits: BodyLimits): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `${count} records in one request; send at most ${limits.maxRecords} per request`,
  );
}

/** NDJSON: one record per non-blank line; a line that is not JSON keeps its place as an unparsed record. */
function parseLines(text: string, limits: BodyLimits): unknown[] {
  const records: unknown[] = [];
  let parsedAny = false;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '') continue;
    if (records.length >= limits.maxRecords) throw tooMany(records.length + 1, limits);
    try {
      records.push(JSON.parse(line));
      parsedAny = true;
    } catch {
      records.push({ unparsed: `line ${records.length + 1} is not JSON` } satisfies UnparsedRecord);
    }
  }
  if (!parsedAny && records.length > 0) throw invalid('no line of the body is JSON: expected NDJSON');
  return records;
}

/** A JSON array of records (or one record object). */
function parseDocument(text: string, limits: BodyLimits): unknown[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`the body is not JSON (${(error as Error).message})`);
  }
  const records = Array.isArray(value) ? value : [value];
  if (records.length > limits.maxRecords) throw tooMany(records.length, limits);
  return records;
}

/**
 * Turns a request body into records: gzip is undone (bounded), the text must be UTF-8, and the content type picks
 * NDJSON (`application/x-ndjson`, `application/jsonl`, `text/plain`) or a JSON array (`application/json`).
 */
export async function decodeIngestBody(
  body: Buffer,
  headers: { contentType: string | undefined; contentEncoding: string | undefined },
  limits: BodyLimits,
): Promise<unknown[]> {
  const text = toText(await decompress(body, headers.contentEncoding, limits));
  const type = (headers.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json') return parseDocument(text, limits);
  return parseLines(text, limits);
}
