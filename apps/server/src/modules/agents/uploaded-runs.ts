import { uploadedRunSchema, type AgentRunBatchResult, type Check } from '@ganzhi/contracts';
import type { RunToRecord } from '../runs/index.js';

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(run)'}: ${issue.message}`)
    .join('; ');
}

function idOf(raw: unknown): string | null {
  return typeof raw === 'object' && raw !== null && 'id' in raw && typeof raw.id === 'string' ? raw.id : null;
}

/**
 * Turns an uploaded batch into runs to store. Each run is validated on its own: a malformed run, or one whose
 * check was deleted meanwhile, is listed with its index and reason and the rest are kept. Runs are attributed to
 * the authenticated agent; a start time from a clock off by more than the threshold is shifted by the offset the
 * agent measured, and the shift is recorded on the run.
 */
export function prepareUploadedRuns(
  rawRuns: readonly unknown[],
  context: { checks: ReadonlyMap<string, Check>; agentId: string; clockSkewThresholdMs: number },
): { entries: RunToRecord[]; rejected: AgentRunBatchResult['rejected'] } {
  const rejected: AgentRunBatchResult['rejected'] = [];
  const entries: RunToRecord[] = [];
  rawRuns.forEach((raw, index) => {
    const parsed = uploadedRunSchema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, id: idOf(raw), reason: describeIssues(parsed.error.issues) });
      return;
    }
    const { clockOffsetMs, artifacts, ...run } = parsed.data;
    const check = context.checks.get(run.checkId);
    if (!check) {
      rejected.push({ index, id: run.id, reason: `check "${run.checkId}" no longer exists` });
      return;
    }
    const correctionMs =
      clockOffsetMs !== null && Math.abs(clockOffsetMs) > context.clockSkewThresholdMs
        ? Math.round(clockOffsetMs)
        : null;
    const contents = artifacts.map(({ dataBase64, ...ref }) => ({
      ...ref,
      content: Buffer.from(dataBase64, 'base64'),
    }));
    entries.push({
      check,
      artifactContents: contents,
      run: {
        ...run,
        agentId: context.agentId,
        startedAt:
          correctionMs === null
            ? run.startedAt
            : new Date(Date.parse(run.startedAt) + correctionMs).toISOString(),
        clockCorrectionMs: correctionMs,
        artifacts: contents.map(({ content, ...ref }) => ({ ...ref, bytes: content.byteLength })),
      },
    });
  });
  return { entries, rejected };
}
