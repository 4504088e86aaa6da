import type { ServerResponse } from 'node:http';
import type { DemoReply } from './demo-reply.js';

export interface ReplyMeta {
  readonly requestId: string;
  /** The injected wait before answering, exposed so tests and operators can see what the faults did. */
  readonly delayMs: number;
}

function serialise(reply: DemoReply, requestId: string): { contentType: string; text: string } {
  if ('html' in reply) return { contentType: 'text/html; charset=utf-8', text: reply.html };
  const payload = 'error' in reply ? { error: { ...reply.error, requestId } } : reply.json;
  return { contentType: 'application/json; charset=utf-8', text: JSON.stringify(payload) };
}

/**
 * Writes a reply unless the client has already gone. Errors get the `{ error: { code, message, requestId } }`
 * shape used across Ganzhi.
 *
 * @example writeReply(response, jsonReply({ status: 'ok' }), { requestId: 'req-1', delayMs: 0 })
 */
export function writeReply(response: ServerResponse, reply: DemoReply, meta: ReplyMeta): void {
  if (response.destroyed || response.headersSent) return;
  const { contentType, text } = serialise(reply, meta.requestId);
  response.writeHead(reply.status, {
    ...reply.headers,
    'content-type': contentType,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-request-id': meta.requestId,
    'x-demo-delay-ms': String(meta.delayMs),
  });
  response.end(text);
}
