import type { Agent, PlatformEvent } from '@ganzhi/contracts';
import type { IssueParams } from '../../lib/api-error';
import type { MessageKey, Translate } from '../../lib/i18n';
import { formatDateTime } from '../../lib/relative-time';
import { filledText } from '../../lib/server-text';

export interface EventTextContext {
  readonly t: Translate;
  /** The agents as listed now: events stored before they carried params name their agent only by its id. */
  readonly agents: readonly Agent[] | undefined;
  readonly locationName: (code: string) => string;
}

const TIME_PARAMS = ['since', 'fromTime', 'toTime'] as const;
const GAP_REASONS: Readonly<Record<string, MessageKey>> = {
  buffer_full: 'gaps.reason.buffer_full',
  too_old: 'gaps.reason.too_old',
};

/** The event's params, with the agent's name and location from the agents list where the event has none. */
function paramsOf(event: PlatformEvent, agents: readonly Agent[] | undefined): IssueParams {
  const agentId = event.subject.startsWith('agent:') ? event.subject.slice('agent:'.length) : null;
  const agent = agentId === null ? undefined : agents?.find((candidate) => candidate.id === agentId);
  return {
    ...(agent ? { agent: agent.name, location: agent.location } : {}),
    ...event.params,
  };
}

/** Params as the reader reads them: locations by name, times in local time, a gap's reason in words. */
function readableParams(params: IssueParams, context: EventTextContext): IssueParams {
  const readable: Record<string, string | number> = { ...params };
  if (typeof params.location === 'string') readable.location = context.locationName(params.location);
  for (const name of TIME_PARAMS) {
    const value = params[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) readable[name] = formatDateTime(value);
  }
  const reason = GAP_REASONS[String(params.reason)];
  if (reason) readable.reason = context.t(reason);
  return readable;
}

/**
 * What a platform event says, in the reader's language, from its kind and params (agent, location, times …); the
 * server's English message when the event lacks a value its text needs.
 * @example platformEventText(downEvent, context) // "代理“demo-changsha”（长沙）离线，最后联系时间 2026-12-03 13:49:07"
 */
export function platformEventText(event: PlatformEvent, context: EventTextContext): string {
  const params = readableParams(paramsOf(event, context.agents), context);
  const key: MessageKey =
    event.kind === 'agent_down' && params.since !== undefined
      ? 'events.text.agent_down_since'
      : `events.text.${event.kind}`;
  return filledText(key, params, context.t) ?? event.message;
}
