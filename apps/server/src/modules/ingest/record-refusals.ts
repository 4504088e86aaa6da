import type { RejectedRecord } from '@ganzhi/contracts';

/** A refused record as the normaliser reports it, before its index is known to the batch. */
export type RecordRefusal = Omit<RejectedRecord, 'index'>;

/** Stable code of a record refused for its age: re-sending it can never succeed. */
export const RECORD_TOO_OLD = 'RECORD_TOO_OLD';

/** The setting that keeps minute rollups, named in the refusal so an operator knows what to change. */
export const MINUTE_RETENTION_SETTING = 'GANZHI_RETENTION_MINUTE_ROLLUP_DAYS';

/**
 * A record older than the minute-rollup retention: its minute is deleted (or about to be), so it could never be
 * counted. The reason states the limit and the setting; code and params carry them for programs.
 */
export function tooOldRefusal(retention: {
  readonly days: number;
  readonly oldestMs: number;
}): RecordRefusal {
  return {
    reason: `time: older than the ${retention.days}-day minute-rollup retention (${MINUTE_RETENTION_SETTING}); records from ${new Date(retention.oldestMs).toISOString()} on are accepted`,
    code: RECORD_TOO_OLD,
    params: {
      retentionDays: retention.days,
      setting: MINUTE_RETENTION_SETTING,
      oldestAccepted: new Date(retention.oldestMs).toISOString(),
    },
  };
}
