import type { Response } from 'playwright-core';
import { EGRESS_ANSWER_HEADER } from './egress-connect.js';

/**
 * Whether the egress proxy made `response` itself (a refusal, or a target it could not reach) rather than carrying
 * the target's. Only plain-HTTP answers can be the proxy's: it strips the marker from what targets send there, while
 * an https response comes through a tunnel the proxy cannot read, so a marker on one is the target's forgery.
 */
export function isEgressAnswer(response: Response): boolean {
  return response.url().startsWith('http:') && response.headers()[EGRESS_ANSWER_HEADER] !== undefined;
}
