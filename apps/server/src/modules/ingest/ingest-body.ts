import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { createGunzip, gunzip } from 'node:zlib';
import { AppError, ValidationError } from '@ganzhi/runtime';
import { tooDeepError } from '../../http/body-limits.js';
import { MAX_JSON_DEPTH, exceedsJsonDepth } from '../../http/json-depth.js';
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

function isGzip(encoding: string | undefined): boolean {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return false;
  if (coding !== 'gzip' && coding !== 'x-gzip')
    throw invalid(`content-encoding "${coding}" is not supported (use gzip)`);
  return true;
}

function expandsTooFar(limits: BodyLimits): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the body expands beyond ${limits.maxDecodedBytes} bytes`);
}

async function decompress(body: Buffer, encoding: string | undefined, limits: BodyLimits): Promise<Buffer> {
  if (!isGzip(encoding)) return body;
  try {
    return await gunzipAsync(body, { maxOutputLength: limits.maxDecodedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw expandsTooFar(limits);
    throw invalid(`the body is not valid gzip (${(error as Error).message})`);
  }
}

/**
 * The body as text, refused unless it is UTF-8; a byte order mark is dropped (as TextDecoder does). Checked with
 * `isUtf8` and decoded with `toString`, each a native pass: a fatal TextDecoder cost about a microsecond a record.
 */
function toText(bytes: Buffer): string {
  if (!isUtf8(bytes)) throw invalid('the body is not UTF-8 text');
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', hasBom ? 3 : 0);
}

function tooMany(count: number, limits: BodyLimits): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `${count} records in one request; send at most ${limits.maxRecords} per request`,
  );
}

/**
 * Whether a line has more opening brackets than `maxDepth`, strings included: only such a line can nest deeper. A
 * record line has one or two, and counting them natively costs a tenth of walking the line character by character,
 * which cost more than parsing it.
 */
function hasManyBrackets(line: string, maxDepth: number): boolean {
  let count = 0;
  for (const bracket of ['{', '[']) {
    for (let at = line.indexOf(bracket); at >= 0; at = line.indexOf(bracket, at + 1))
      if (++count > maxDepth) return true;
  }
  return false;
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
    if (hasManyBrackets(line, MAX_JSON_DEPTH) && exceedsJsonDepth(line, MAX_JSON_DEPTH)) throw tooDeepError();
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
  if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) throw tooDeepError();
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

export interface StreamLimits extends BodyLimits {
  /** Largest body as sent (compressed or not). */
  readonly maxBodyBytes: number;
}

function tooLarge(limits: StreamLimits): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `the body is larger than ${limits.maxBodyBytes} bytes`);
}

/**
 * Reads a request body as it arrives, undoing gzip on the way: both the bytes sent and the bytes they expand to are
 * counted, and the read stops with 413 at the first byte over either limit, so a gzip bomb costs at most
 * `maxDecodedBytes` of memory and is answered before the rest of it is even received. The unread rest is drained,
 * not kept, and the connection stays usable for the answer.
 */
export function readIngestBody(
  payload: Readable,
  headers: { contentLength: string | undefined; contentEncoding: string | undefined },
  limits: StreamLimits,
): Promise<Buffer> {
  const inflater = isGzip(headers.contentEncoding) ? createGunzip() : undefined;
  if (Number(headers.contentLength) > limits.maxBodyBytes) return Promise.reject(tooLarge(limits));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let sentBytes = 0;
    let decodedBytes = 0;
    let settled = false;
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      payload.off('data', onData);
      if (error === undefined) return resolve(Buffer.concat(chunks));
      inflater?.destroy();
      payload.resume();
      reject(error);
    };
    const take = (chunk: Buffer): void => {
      decodedBytes += chunk.length;
      if (decodedBytes > limits.maxDecodedBytes) finish(expandsTooFar(limits));
      else chunks.push(chunk);
    };
    const onData = (chunk: Buffer): void => {
      sentBytes += chunk.length;
      if (sentBytes > limits.maxBodyBytes) return finish(tooLarge(limits));
      if (!inflater) return take(chunk);
      if (!inflater.write(chunk)) {
        payload.pause();
        inflater.once('drain', () => payload.resume());
      }
    };
    payload.on('data', onData);
    payload.once('error', finish);
    payload.once('end', () => (inflater ? inflater.end() : finish()));
    inflater?.on('data', take);
    inflater?.once('end', () => finish());
    inflater?.once('error', (error) => finish(invalid(`the body is not valid gzip (${error.message})`)));
  });
}
