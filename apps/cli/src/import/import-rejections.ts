import { stringify } from 'csv-stringify/sync';
import type { RejectedRecord } from '@ganzhi/contracts';

/** A CSV row that did not become a counted transaction: its line in the file, why, and its cells when it had any. */
export interface Rejection {
  readonly line: number;
  readonly reason: string;
  /** The row as read (column → cell); absent for a line that was not a CSV row at all. */
  readonly cells?: Readonly<Record<string, string>>;
}

/** A record sent in a batch, with the CSV row it came from. */
export interface SentRow {
  readonly line: number;
  readonly cells: Readonly<Record<string, string>>;
}

/**
 * The server answers with each refused record's index in the batch; this maps those indexes back to the CSV lines
 * (and cells) the records came from. An index outside the batch (a server bug) keeps its reason, on line 0.
 *
 * @example rejectionsOfBatch([{ line: 7, cells }], [{ index: 0, reason: 'channel: unknown …' }]) // → line 7
 */
export function rejectionsOfBatch(
  sent: readonly SentRow[],
  rejected: readonly RejectedRecord[],
): Rejection[] {
  return rejected.map((rejection) => {
    const row = sent[rejection.index];
    return row
      ? { line: row.line, reason: rejection.reason, cells: row.cells }
      : { line: 0, reason: `record ${rejection.index} of a batch: ${rejection.reason}` };
  });
}

/** What csv-parse tells about a line it cannot read as a row. */
export interface UnreadableRowError {
  readonly code: string;
  readonly message: string;
  /** The line the parser had reached. */
  readonly lines?: number | undefined;
}

/**
 * A line that is not a CSV row. A quote never closed makes the parser read on to the end of the file, so that
 * rejection is put on the line after the last good row — where the quote opened — and names the lines it swallowed.
 */
export function unreadableRow(error: UnreadableRowError, lastRowEndLine: number): Rejection {
  const reached = error.lines ?? lastRowEndLine + 1;
  if (error.code !== 'CSV_QUOTE_NOT_CLOSED')
    return { line: reached, reason: `not a CSV row: ${error.message}` };
  const from = lastRowEndLine + 1;
  return {
    line: from,
    reason:
      reached > from
        ? `not a CSV row: a quote opened on this line is never closed, so lines ${from}–${reached} could not be read`
        : 'not a CSV row: a quote opened on this line is never closed',
  };
}

/**
 * The `--rejects FILE` content: `line,reason` and then the file's own columns, one row per rejection in line order,
 * so the rows can be corrected and imported again.
 */
export function formatRejectsCsv(rejections: readonly Rejection[], header: readonly string[]): string {
  const rows = [...rejections]
    .sort((a, b) => a.line - b.line)
    .map((rejection) => [
      rejection.line,
      rejection.reason,
      ...header.map((column) => rejection.cells?.[column] ?? ''),
    ]);
  return stringify([['line', 'reason', ...header], ...rows]);
}
