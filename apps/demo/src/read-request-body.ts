import type { IncomingMessage } from 'node:http';
import { errorReply, type DemoReply } from './demo-reply.js';

/** Demo APIs take small JSON bodies; 64 KiB is far above any of them and small enough to buffer. */
export const MAX_BODY_BYTES = 64 * 1024;

// Past this much we stop draining and drop the connection; draining first lets the client read the 413.
const MAX_DRAIN_BYTES = 1024 * 1024;

export type BodyRead =
  { readonly kind: 'ok'; readonly body: unknown } | { readonly kind: 'rejected'; readonly reply: DemoReply };

type CollectedText =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'too_large' }
  | { readonly kind: 'aborted' };

function collectText(request: IncomingMessage): Promise<CollectedText> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let sizeBytes = 0;
    request.on('data', (chunk: Buffer) => {
      sizeBytes += chunk.length;
      if (sizeBytes > MAX_DRAIN_BYTES) request.destroy();
      else if (sizeBytes <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      if (sizeBytes > MAX_BODY_BYTES) resolve({ kind: 'too_large' });
      else resolve({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') });
    });
    // 'close' also follows a normal 'end'; the promise has settled by then, so this only catches aborts.
    request.on('close', () => resolve({ kind: 'aborted' }));
    request.on('error', () => resolve({ kind: 'aborted' }));
  });
}

function isFormEncoded(contentType: string | undefined): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/**
 * Reads and parses a request body: an HTML form post (`application/x-www-form-urlencoded`) becomes an object of
 * strings, anything else is parsed as JSON. An empty body parses to undefined (handlers report the missing
 * fields); too large is 413 and malformed JSON 400, both as JSON errors. `aborted` means the client went away:
 * answer nothing.
 *
 * @example const read = await readRequestBody(request); if (read.kind === 'rejected') return read.reply;
 */
export async function readRequestBody(request: IncomingMessage): Promise<BodyRead | 'aborted'> {
  const collected = await collectText(request);
  if (collected.kind === 'aborted') return 'aborted';
  if (collected.kind === 'too_large') {
    return {
      kind: 'rejected',
      reply: errorReply(413, 'PAYLOAD_TOO_LARGE', `the body exceeds ${MAX_BODY_BYTES} bytes`),
    };
  }
  if (collected.text.trim() === '') return { kind: 'ok', body: undefined };
  if (isFormEncoded(request.headers['content-type'])) {
    return { kind: 'ok', body: Object.fromEntries(new URLSearchParams(collected.text)) };
  }
  try {
    return { kind: 'ok', body: JSON.parse(collected.text) as unknown };
  } catch {
    return { kind: 'rejected', reply: errorReply(400, 'BAD_JSON', 'the body is not valid JSON') };
  }
}
