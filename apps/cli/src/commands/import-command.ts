import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { SingleBar } from 'cli-progress';
import { parse, type CsvError } from 'csv-parse';
import type { TransactionRecord } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { FatalUploadError, uploadBatch } from '../import/batch-uploader.js';
import {
  formatRejectsCsv,
  rejectionsOfBatch,
  unreadableRow,
  type Rejection,
  type SentRow,
} from '../import/import-rejections.js';
import {
  MappingError,
  resolveMapping,
  rowToRecord,
  type ColumnMapping,
  type RowOptions,
} from '../import/csv-mapping.js';

export interface ImportOptions {
  readonly file: string;
  readonly server: string;
  readonly token?: string | undefined;
  readonly map: readonly string[];
  readonly delimiter: string;
  readonly batchSize: number;
  readonly timeZone: string;
  readonly okValues: readonly string[];
  readonly latencyUnit: 'ms' | 's';
  readonly rejects?: string | undefined;
  readonly dryRun?: boolean | undefined;
  /** Attempts per batch before giving up (network errors, 5xx, 429). */
  readonly maxAttempts?: number;
}

export interface ImportSummary {
  readonly rows: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: readonly Rejection[];
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Identifies the file's content (first 64 KiB and size), so re-importing it yields the same external ids. */
async function fileIdentity(path: string, size: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, 65_536));
    await handle.read(buffer, 0, buffer.length, 0);
    return createHash('sha256').update(buffer).update(String(size)).digest('hex').slice(0, 16);
  } finally {
    await handle.close();
  }
}

function createProgress(total: number) {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({
    format: 'importing {bar} {percentage}% | {rows} rows | {eta_formatted} left',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0, { rows: 0 });
  return {
    update: (bytes: number, rows: number) => bar.update(bytes, { rows }),
    stop: () => bar.stop(),
  };
}

/**
 * `ganzhi import transactions FILE.csv`: streams a CSV export into the ingest API in gzip NDJSON batches. Rows that
 * cannot be records are rejected locally with their line; the server's per-record rejections are mapped back to
 * lines; every row gets an external id (mapped, or file identity + line) so a re-import counts nothing twice.
 * Exit code 0 when every row was accepted (or already was), 2 when some were rejected, 1 on a fatal problem.
 */
export async function importTransactionsCommand(options: ImportOptions): Promise<ImportSummary | undefined> {
  if (!options.token && !options.dryRun) {
    output.error(
      'an API token is needed: pass --token or set GANZHI_TOKEN (create one with POST /api/v1/tokens)',
    );
    process.exitCode = 1;
    return undefined;
  }
  if (!isTimeZone(options.timeZone)) {
    output.error(`--time-zone ${options.timeZone}: not a time zone (write e.g. Asia/Shanghai)`);
    process.exitCode = 1;
    return undefined;
  }
  let size: number;
  try {
    size = (await stat(options.file)).size;
  } catch (error) {
    output.error(`cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return undefined;
  }
  const fileId = await fileIdentity(options.file, size);
  const started = performance.now();
  const rowOptions: RowOptions = {
    timeZone: options.timeZone,
    okValues: options.okValues,
    latencyUnit: options.latencyUnit,
  };
  let mapping: ColumnMapping | undefined;
  let header: string[] = [];
  const rejected: Rejection[] = [];
  let rows = 0;
  let accepted = 0;
  let duplicates = 0;
  let bytesRead = 0;
  const progress = createProgress(size);
  let lastRowEndLine = 1;
  const source = createReadStream(options.file);
  source.on('data', (chunk) => (bytesRead += chunk.length));
  const parser = source.pipe(
    parse({
      bom: true,
      delimiter: options.delimiter,
      skip_empty_lines: true,
      skip_records_with_error: true,
      relax_column_count: false,
      info: true,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim());
        mapping = resolveMapping(header, options.map);
        return header;
      },
      // Runs in step with 'skip' (the loop below may lag behind the parser): where the last good row ended.
      on_record: (record: Record<string, string>, context) => {
        lastRowEndLine = context.lines;
        return record;
      },
    }),
  );
  parser.on('skip', (error: CsvError) => {
    rows += 1;
    rejected.push(unreadableRow(error, lastRowEndLine));
  });

  let batch: (SentRow & { record: TransactionRecord })[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const sending = batch;
    batch = [];
    if (options.dryRun) {
      accepted += sending.length;
      return;
    }
    const result = await uploadBatch(
      sending.map((entry) => entry.record),
      {
        server: options.server,
        token: options.token ?? '',
        maxAttempts: options.maxAttempts ?? 5,
        baseDelayMs: 500,
        onRetry: (reason, attempt) => output.error(`retrying a batch (attempt ${attempt}): ${reason}`),
      },
    );
    accepted += result.accepted;
    duplicates += result.duplicates;
    rejected.push(...rejectionsOfBatch(sending, result.rejected));
  };

  try {
    for await (const entry of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      rows += 1;
      const result = rowToRecord(entry.record, { mapping: mapping ?? {}, options: rowOptions });
      if (!result.ok) rejected.push({ line: entry.info.lines, reason: result.reason, cells: entry.record });
      else
        batch.push({
          line: entry.info.lines,
          cells: entry.record,
          record: {
            ...result.record,
            externalId: result.record.externalId ?? `csv:${fileId}:${entry.info.lines}`,
          },
        });
      if (batch.length >= options.batchSize) await flush();
      progress.update(bytesRead, rows);
    }
    await flush();
  } catch (error) {
    source.destroy();
    progress.stop();
    if (error instanceof MappingError || error instanceof FatalUploadError) output.error(error.message);
    else output.error(`import stopped: ${error instanceof Error ? error.message : String(error)}`);
    output.error(
      `before stopping: ${accepted} accepted, ${duplicates} already imported, ${rejected.length} rejected`,
    );
    process.exitCode = 1;
    return undefined;
  }
  progress.stop();
  rejected.sort((a, b) => a.line - b.line);
  const seconds = (performance.now() - started) / 1000;
  output.line(
    `${basename(options.file)}: ${rows} rows, ${accepted} ${options.dryRun ? 'valid (dry run: nothing sent)' : 'accepted'}, ` +
      `${duplicates} already imported, ${rejected.length} rejected — ${seconds.toFixed(1)} s, ${Math.round(rows / Math.max(seconds, 0.001))} rows/s`,
  );
  for (const rejection of rejected.slice(0, 10))
    output.error(`  line ${rejection.line}: ${rejection.reason}`);
  if (rejected.length > 10)
    output.error(
      `  … and ${rejected.length - 10} more${options.rejects ? ` in ${options.rejects}` : ' (use --rejects FILE for all)'}`,
    );
  if (options.rejects) await writeFile(options.rejects, formatRejectsCsv(rejected, header));
  process.exitCode = rejected.length > 0 ? 2 : 0;
  return { rows, accepted, duplicates, rejected };
}
