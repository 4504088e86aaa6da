import { randomUUID } from 'node:crypto';
import { errorReply, jsonReply, type DemoReply } from './demo-reply.js';
import { IVR_MENU } from './ivr-menu.js';
import { isRecord } from './request-fields.js';
import type { DemoRequest, DemoRoute } from './route-table.js';

const RETRY_PROMPT = '您的输入有误，请重新输入。';

function showMenu(request: DemoRequest): DemoReply {
  const id = request.query.get('node') ?? 'root';
  const node = IVR_MENU.get(id);
  return node ? jsonReply(node) : errorReply(404, 'NOT_FOUND', `no IVR menu node ${id}`);
}

function pressKey(request: DemoRequest): DemoReply {
  const body = isRecord(request.body) ? request.body : {};
  if (typeof body.node !== 'string') return errorReply(400, 'VALIDATION', 'node is required');
  if (typeof body.digit !== 'string' || !/^[0-9*#]$/.test(body.digit)) {
    return errorReply(400, 'VALIDATION', 'digit must be one DTMF key: 0-9, * or #');
  }
  const current = IVR_MENU.get(body.node);
  if (!current) return errorReply(404, 'NOT_FOUND', `no IVR menu node ${body.node}`);
  const sessionId =
    typeof body.sessionId === 'string' && body.sessionId !== '' ? body.sessionId : randomUUID();
  const next = IVR_MENU.get(current.options.find((option) => option.digit === body.digit)?.next ?? '');
  // A wrong key replays the same menu, as the real IVR does, rather than failing the call.
  if (!next)
    return jsonReply({
      sessionId,
      isRetry: true,
      node: { ...current, prompt: RETRY_PROMPT + current.prompt },
    });
  return jsonReply({ sessionId, isRetry: false, node: next });
}

/**
 * The customer-service hotline (IVR): the menu tree and key presses, as the voice platform's API exposes them.
 *
 * @example GET /api/ivr/menu?node=root → { id: 'root', prompt: '欢迎致电中国移动…', options: [...] }
 */
export function createIvrRoutes(): DemoRoute[] {
  return [
    { method: 'GET', path: '/api/ivr/menu', kind: 'query', baseLatencyMs: 15, handle: showMenu },
    { method: 'POST', path: '/api/ivr/input', kind: 'query', baseLatencyMs: 25, handle: pressKey },
  ];
}
