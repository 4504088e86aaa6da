import type { BigIntStats } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { TransactionRecord } from '@ganzhi/contracts';
import type { Clock, Logger } from '@ganzhi/runtime';
import type { OutboxStore } from '../outbox/outbox-store.js';
import { createLineParser, ParseErrorTally, type ParsedLine } from './line-parser.js';
import type { TailSource } from './tail-config.js';

/** Which file: device and inode, and the birth time where the file system has one (0 otherwise). */
interface FileId {
  readonly dev: string;
  readonly ino: string;
  readonly birth: string;
}

/**
 * Where reading stands, kept in the outbox's state. `generation` goes up with every new file and every truncation, so
 * external ids stay unique when an inode number is reused or a truncated file is written again from byte 0.
 */
interface TailPosition extends FileId {
  readonly offset: number;
  readonly generation: number;
}

interface OpenFile {
  readonly handle: FileHandle;
  readonly id: FileId;
  offset: number;
  generation: number;
  /** Inside a line longer than a chunk: skip to its newline. */
  discarding: boolean;
}

interface Line {
  readonly offset: number;
  /** Offset just after the line's newline. */
  readonly next: number;
  readonly bytes: Buffer;
}

export interface FileTailerDeps {
  readonly source: TailSource;
  readonly store: OutboxStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** First part of generated external ids: the agent's id (or name). */
  readonly agentKey: string;
  /** Called after records were committed (the uploader wakes up). */
  readonly onCommitted?: () => void;
  readonly pollMs?: number;
  readonly chunkBytes?: number;
  readonly maxLinesPerCommit?: number;
}

export interface TailerStatus {
  readonly source: string;
  readonly records: number;
  readonly parseErrors: number;
  readonly lastParseError: { readonly line: string; readonly reason: string } | null;
  readonly offset: number | null;
}

function idOf(stats: BigIntStats): FileId {
  return { dev: String(stats.dev), ino: String(stats.ino), birth: String(stats.birthtimeNs) };
}

function isSameFile(a: FileId, b: FileId): boolean {
  return a.dev === b.dev && a.ino === b.ino && (a.birth === '0' || b.birth === '0' || a.birth === b.birth);
}

async function statOrNull(path: string): Promise<BigIntStats | null> {
  try {
    return await stat(path, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Follows one log file: polls it (every 500 ms; fs.watch misses events on network and overlay file systems and after
 * renames), reads complete lines only, follows rotation by rename (the renamed file is read to its end through the
 * open descriptor, then the new file from byte 0) and truncation (from byte 0), and commits each batch of records
 * together with the new read position in one outbox transaction. Memory is bounded by the chunk size.
 */
export class FileTailer {
  readonly #deps: FileTailerDeps;
  readonly #parse: (line: string) => ParsedLine;
  readonly #tally: ParseErrorTally;
  readonly #buffer: Buffer;
  readonly #stop = new AbortController();
  readonly #stateKey: string;
  #file: OpenFile | undefined;
  /** The path was missing when first looked at: when it appears, it is new and read from the start. */
  #sawMissing = false;
  #records = 0;
  #loop: Promise<void> | undefined;

  constructor(deps: FileTailerDeps) {
    this.#deps = deps;
    this.#parse = createLineParser(deps.source);
    this.#tally = new ParseErrorTally({ source: deps.source.name, logger: deps.logger, clock: deps.clock });
    this.#buffer = Buffer.alloc(deps.chunkBytes ?? 1024 * 1024);
    this.#stateKey = `tail:${deps.source.name}`;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Stops polling after the current commit and closes the file. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
    await this.#file?.handle.close();
    this.#file = undefined;
  }

  get status(): TailerStatus {
    return {
      source: this.#deps.source.name,
      records: this.#records,
      parseErrors: this.#tally.total,
      lastParseError: this.#tally.last,
      offset: this.#file?.offset ?? null,
    };
  }

  /** One look at the file: reads what is new, follows a truncation or a rotation. */
  async pollOnce(): Promise<void> {
    if (!this.#file) await this.#openFirst();
    const file = this.#file;
    if (!file) return;
    if ((await file.handle.stat({ bigint: true })).size < BigInt(file.offset)) {
      this.#deps.logger.info({ source: this.#deps.source.name, offset: file.offset }, 'log file truncated');
      file.offset = 0;
      file.generation += 1;
      file.discarding = false;
      this.#commit(file, []);
    }
    await this.#drain(file, false);
    const current = await statOrNull(this.#deps.source.path);
    if (current && !isSameFile(idOf(current), file.id) && !this.#stop.signal.aborted) {
      // Renamed away and a new file in its place: finish the old one, last line even without its newline.
      await this.#drain(file, true);
      await file.handle.close();
      this.#file = undefined;
      this.#deps.logger.info({ source: this.#deps.source.name }, 'log file rotated');
      await this.#openPath(0, file.generation + 1);
      const next = this.#file as OpenFile | undefined;
      if (next) await this.#drain(next, false);
    }
    this.#tally.flush();
  }

  async #run(): Promise<void> {
    const { clock, logger } = this.#deps;
    let lastError: string | null = null;
    while (!this.#stop.signal.aborted) {
      try {
        await this.pollOnce();
        lastError = null;
      } catch (error) {
        const message = (error as Error).message;
        if (message !== lastError)
          logger.warn(
            { source: this.#deps.source.name, reason: message },
            'cannot read the log file; retrying',
          );
        lastError = message;
      }
      await clock.sleep(this.#deps.pollMs ?? 500, this.#stop.signal);
    }
  }

  #savedPosition(): TailPosition | undefined {
    const saved = this.#deps.store.getState(this.#stateKey);
    return saved === undefined ? undefined : (JSON.parse(saved) as TailPosition);
  }

  async #openFirst(): Promise<void> {
    const { source, logger } = this.#deps;
    const saved = this.#savedPosition();
    const current = await statOrNull(source.path);
    if (saved) {
      if (current && isSameFile(idOf(current), saved)) return this.#openPath(saved.offset, saved.generation);
      // Rotated while the agent was not running: finish the remembered file first if it is still next to the path.
      const renamed = await this.#findRenamed(saved);
      if (renamed) {
        this.#file = {
          handle: renamed,
          id: saved,
          offset: saved.offset,
          generation: saved.generation,
          discarding: false,
        };
        return;
      }
      if (!current) return;
      logger.warn(
        { source: source.name, offset: saved.offset },
        'the log file read last is gone; lines written to it after the last read were not read',
      );
      return this.#openPath(0, saved.generation + 1);
    }
    if (!current) {
      this.#sawMissing = true;
      return;
    }
    await this.#openPath(this.#sawMissing || source.startAt === 'beginning' ? 0 : 'last-line-end', 0);
  }

  /**
   * Opens the path at `offset` and remembers it, with the descriptor's own identity (the path may have moved again
   * since it was looked at).
   */
  async #openPath(offset: number | 'last-line-end', generation: number): Promise<void> {
    let handle: FileHandle;
    try {
      handle = await open(this.#deps.source.path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const id = idOf(await handle.stat({ bigint: true }));
    const start = offset === 'last-line-end' ? await this.#lastLineEnd(handle) : offset;
    this.#file = { handle, id, offset: start, generation, discarding: false };
    this.#commit(this.#file, []);
  }

  async #findRenamed(saved: FileId): Promise<FileHandle | undefined> {
    const directory = dirname(this.#deps.source.path);
    const own = basename(this.#deps.source.path);
    const names = (await readdir(directory).catch(() => [] as string[])).filter((name) => name !== own);
    // Rotated names usually extend the original (app.log.1, app.log-20261122): look at those first.
    names.sort((a, b) => Number(b.startsWith(own)) - Number(a.startsWith(own)));
    for (const name of names.slice(0, 10_000)) {
      const candidate = await statOrNull(join(directory, name)).catch(() => null);
      if (!candidate?.isFile() || !isSameFile(idOf(candidate), saved)) continue;
      const handle = await open(join(directory, name), 'r');
      if (isSameFile(idOf(await handle.stat({ bigint: true })), saved)) return handle;
      await handle.close();
    }
    return undefined;
  }

  /** Where the last complete line ends: starting "at the end" must not start in the middle of a line. */
  async #lastLineEnd(handle: FileHandle): Promise<number> {
    const size = Number((await handle.stat({ bigint: true })).size);
    const length = Math.min(size, this.#buffer.length);
    const { bytesRead } = await handle.read(this.#buffer, 0, length, size - length);
    const newline = this.#buffer.subarray(0, bytesRead).lastIndexOf(10);
    if (newline >= 0) return size - length + newline + 1;
    return length < size ? size : 0;
  }

  /** Reads complete lines to the end of the file, committing as it goes. `final`: the file will not grow again. */
  async #drain(file: OpenFile, final: boolean): Promise<void> {
    const chunkBytes = this.#buffer.length;
    while (!this.#stop.signal.aborted) {
      const { bytesRead } = await file.handle.read(this.#buffer, 0, chunkBytes, file.offset);
      if (bytesRead === 0) return;
      const chunk = this.#buffer.subarray(0, bytesRead);
      const lines: Line[] = [];
      let cursor = 0;
      if (file.discarding) {
        const newline = chunk.indexOf(10);
        cursor = newline < 0 ? bytesRead : newline + 1;
        file.discarding = newline < 0;
      }
      for (let newline = chunk.indexOf(10, cursor); newline >= 0; newline = chunk.indexOf(10, cursor)) {
        lines.push({
          offset: file.offset + cursor,
          next: file.offset + newline + 1,
          bytes: chunk.subarray(cursor, newline),
        });
        cursor = newline + 1;
      }
      if (cursor < bytesRead && final && bytesRead < chunkBytes) {
        lines.push({
          offset: file.offset + cursor,
          next: file.offset + bytesRead,
          bytes: chunk.subarray(cursor),
        });
        cursor = bytesRead;
      } else if (cursor === 0 && bytesRead === chunkBytes) {
        this.#tally.add(chunk.subarray(0, 300).toString('utf8'), `line longer than ${chunkBytes} bytes`);
        file.discarding = true;
        cursor = bytesRead;
      }
      if (cursor === 0) return; // only the start of a line: wait for its newline
      this.#commitLines(file, lines, file.offset + cursor);
    }
  }

  /** Parses and commits lines in groups, each with the position after its last line. */
  #commitLines(file: OpenFile, lines: readonly Line[], endOffset: number): void {
    const perCommit = this.#deps.maxLinesPerCommit ?? 1000;
    let index = 0;
    do {
      const group = lines.slice(index, index + perCommit);
      index += perCommit;
      const records: TransactionRecord[] = [];
      for (const line of group) {
        const record = this.#recordOf(file, line);
        if (record) records.push(record);
      }
      file.offset = index >= lines.length ? endOffset : (group.at(-1)?.next ?? endOffset);
      this.#commit(file, records);
    } while (index < lines.length);
  }

  #recordOf(file: OpenFile, line: Line): TransactionRecord | undefined {
    const text = line.bytes.toString('utf8').replace(/\r$/, '');
    if (text.trim() === '') return undefined;
    const parsed = this.#parse(text);
    if (!parsed.ok) {
      this.#tally.add(text, parsed.reason);
      return undefined;
    }
    if (parsed.record.externalId !== undefined) return parsed.record;
    const { agentKey, source } = this.#deps;
    return {
      ...parsed.record,
      externalId: `${agentKey}:${source.name}:${file.id.ino}:${file.generation}:${line.offset}`,
    };
  }

  #commit(file: OpenFile, records: readonly TransactionRecord[]): void {
    const position: TailPosition = { ...file.id, offset: file.offset, generation: file.generation };
    this.#deps.store.appendRecords({
      source: this.#deps.source.name,
      records,
      state: { key: this.#stateKey, value: JSON.stringify(position) },
      committedAtMs: this.#deps.clock.now(),
    });
    if (records.length === 0) return;
    this.#records += records.length;
    this.#deps.onCommitted?.();
  }
}
