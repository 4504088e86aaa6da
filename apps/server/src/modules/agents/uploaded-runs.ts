import { uploadedRunSchema, type AgentRunBatchResult, type Check, type UploadedRun } from '@ganzhi/contracts';
import type { RunToRecord } from '../runs/index.js';

/** How far ahead of the server's clock a run may start: the skew threshold's jitter, with room to spare. */
const MAX_FUTURE_MS = 5 * 60_000;
/** The oldest run an agent may deliver: its buffer keeps runs for at most a year (GANZHI_AGENT_BUFFER_MAX_AGE_HOURS). */
const MAX_AGE_MS = 366 * 86_400_000;

export interface UploadContext {
  readonly checks: ReadonlyMap<string, Check>;
  /** The authenticated agent: runs are attributed to it and must come from its own location. */
  readonly agent: { readonly id: string; readonly location: string };
  readonly clockSkewThresholdMs: number;
  readonly nowMs: number;
}

type Verdict = { entry: RunToRecord } | { reason: string };

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(run)'}: ${issue.message}`)
    .join('; ');
}

function idOf(raw: unknown): string | null {
  return typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string'
    ? raw.id.slice(0, 100)
    : null;
}

/** Where and what the run may be: a check that runs at the agent's own location, made from that location. */
function findCheck(run: UploadedRun, context: UploadContext): Check | string {
  const { location } = context.agent;
  if (run.location !== location)
    return `location: this agent serves "${location}"; it cannot deliver runs made at "${run.location}"`;
  const check = context.checks.get(run.checkId);
  if (!check) return `check "${run.checkId}" no longer exists`;
  if (!check.locations.includes(location))
    return `check "${run.checkId}" does not run at location "${location}"`;
  return check;
}

/**
 * The start time to store: shifted by the offset the agent measured when its clock was off by more than the
 * threshold, and inside what the rollups can hold (not in the future, not older than an agent may buffer).
 */
function correctedStart(
  run: UploadedRun,
  context: UploadContext,
): { startMs: number; correctionMs: number | null } | string {
  const { clockOffsetMs } = run;
  const correctionMs =
    clockOffsetMs !== null && Math.abs(clockOffsetMs) > context.clockSkewThresholdMs
      ? Math.round(clockOffsetMs)
      : null;
  const startMs = Date.parse(run.startedAt) + (correctionMs ?? 0);
  if (!Number.isFinite(startMs) || startMs > context.nowMs + MAX_FUTURE_MS)
    return 'startedAt: in the future (check the agent clock)';
  if (startMs < context.nowMs - MAX_AGE_MS) return 'startedAt: older than an agent may buffer runs';
  return { startMs, correctionMs };
}

function judgeRun(raw: unknown, context: UploadContext, artifactIds: Set<string>): Verdict {
  const parsed = uploadedRunSchema.safeParse(raw);
  if (!parsed.success) return { reason: describeIssues(parsed.error.issues) };
  const { clockOffsetMs: _offset, artifacts, ...run } = parsed.data;
  const check = findCheck(parsed.data, context);
  if (typeof check === 'string') return { reason: check };
  const start = correctedStart(parsed.data, context);
  if (typeof start === 'string') return { reason: start };
  const ids = artifacts.map((artifact) => artifact.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index || artifactIds.has(id));
  if (repeated !== undefined)
    return { reason: `artifacts: the id "${repeated}" is used twice in this upload` };
  for (const id of ids) artifactIds.add(id);
  const contents = artifacts.map(({ dataBase64, ...ref }) => ({
    ...ref,
    content: Buffer.from(dataBase64, 'base64'),
  }));
  return {
    entry: {
      check,
      artifactContents: contents,
      run: {
        ...run,
        agentId: context.agent.id,
        startedAt: start.correctionMs === null ? run.startedAt : new Date(start.startMs).toISOString(),
        clockCorrectionMs: start.correctionMs,
        artifacts: contents.map(({ content, ...ref }) => ({ ...ref, bytes: content.byteLength })),
      },
    },
  };
}

/**
 * Turns an uploaded batch into runs to store. Each run is validated on its own: a malformed run, one whose check was
 * deleted meanwhile or does not run at the agent's location, one from another location, one outside the storable
 * time range, or one repeating an artifact id is listed with its index and reason, and the rest are kept. Runs are
 * attributed to the authenticated agent; a start time from a clock off by more than the threshold is shifted by the
 * offset the agent measured, and the shift is recorded on the run.
 */
export function prepareUploadedRuns(
  rawRuns: readonly unknown[],
  context: UploadContext,
): { entries: RunToRecord[]; rejected: AgentRunBatchResult['rejected'] } {
  const rejected: AgentRunBatchResult['rejected'] = [];
  const entries: RunToRecord[] = [];
  const artifactIds = new Set<string>();
  rawRuns.forEach((raw, index) => {
    const verdict = judgeRun(raw, context, artifactIds);
    if ('entry' in verdict) entries.push(verdict.entry);
    else rejected.push({ index, id: idOf(raw), reason: verdict.reason });
  });
  return { entries, rejected };
}
