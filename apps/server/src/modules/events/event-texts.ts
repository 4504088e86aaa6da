import type { MessageParams, PlatformEventKind } from '@ganzhi/contracts';

const text = (params: MessageParams, name: string, fallback = '?'): string =>
  String(params[name] ?? fallback);

/** The English of each kind, for logs and API users; clients render their own from the same params. */
const ENGLISH: Readonly<Record<PlatformEventKind, (params: MessageParams) => string>> = {
  agent_enrolled: (p) => `agent "${text(p, 'agent')}" enrolled at ${text(p, 'location')}`,
  agent_down: (p) =>
    `agent "${text(p, 'agent')}" at ${text(p, 'location')} is down: not seen since ${text(p, 'since', 'enrolment')}`,
  agent_recovered: (p) => `agent "${text(p, 'agent')}" at ${text(p, 'location')} is back`,
  agent_revoked: (p) => `agent "${text(p, 'agent')}" at ${text(p, 'location')} was revoked`,
  agent_gap: (p) =>
    `agent "${text(p, 'agent')}" at ${text(p, 'location')} dropped ${text(p, 'droppedRuns')} runs (${text(
      p,
      'reason',
    )}) from ${text(p, 'fromTime')} to ${text(p, 'toTime')}`,
};

/**
 * The English text of an event from its kind and params.
 * @example describeEvent('agent_recovered', { agent: 'demo-changsha', location: 'changsha' })
 *   // 'agent "demo-changsha" at changsha is back'
 */
export function describeEvent(kind: PlatformEventKind, params: MessageParams): string {
  return ENGLISH[kind](params);
}

/**
 * The plain values (texts and numbers) of an event's details, which clients fill its text with: an uploaded gap's
 * `droppedRuns`, `reason`, `fromTime` and `toTime`. Nested values stay in the stored details only.
 */
export function plainValuesOf(details: unknown): MessageParams {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  return Object.fromEntries(
    Object.entries(details).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number',
    ),
  );
}
