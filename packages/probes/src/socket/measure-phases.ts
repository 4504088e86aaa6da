import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { PhaseTimings } from '@ganzhi/contracts';

/** The phase a request is in; a timeout or abort names it so the run says where the time went. */
export type HttpPhase = 'dns' | 'connect' | 'tls' | 'request' | 'first byte' | 'download';

export interface PhaseRecorderOptions {
  /** False for IP literals: no lookup happens, so dnsMs stays null. */
  readonly needsLookup: boolean;
  readonly isTls: boolean;
}

/**
 * Records when one request reaches each phase, on the real socket, with `performance.now()`: wall-clock time can
 * jump (NTP) and has only millisecond resolution, both wrong for sub-millisecond loopback phases.
 */
export class PhaseRecorder {
  readonly #options: PhaseRecorderOptions;
  readonly #startMs = performance.now();
  #lookupEndMs: number | undefined;
  #connectEndMs: number | undefined;
  #secureEndMs: number | undefined;
  #requestSentMs: number | undefined;
  #firstByteMs: number | undefined;
  #endMs: number | undefined;

  constructor(options: PhaseRecorderOptions) {
    this.#options = options;
  }

  /** Listens to a fresh socket's lifecycle: lookup → connect → secureConnect → first data. */
  observe(socket: Socket): void {
    // With happy eyeballs 'lookup' can fire more than once; the first one ends the DNS phase.
    socket.once('lookup', () => (this.#lookupEndMs ??= performance.now()));
    socket.once('connect', () => (this.#connectEndMs ??= performance.now()));
    socket.once('secureConnect', () => (this.#secureEndMs ??= performance.now()));
    // Prepended so the mark is taken before the HTTP parser handles the chunk (it may emit 'response' inline).
    socket.prependOnceListener('data', () => this.markFirstByte());
  }

  markRequestSent(): void {
    this.#requestSentMs ??= performance.now();
  }

  markFirstByte(): void {
    this.#firstByteMs ??= performance.now();
  }

  markEnd(): void {
    this.#endMs ??= performance.now();
  }

  /** The phase not yet completed; a request that has everything is downloading. */
  currentPhase(): HttpPhase {
    if (this.#options.needsLookup && this.#lookupEndMs === undefined) return 'dns';
    if (this.#connectEndMs === undefined) return 'connect';
    if (this.#options.isTls && this.#secureEndMs === undefined) return 'tls';
    if (this.#requestSentMs === undefined) return 'request';
    if (this.#firstByteMs === undefined) return 'first byte';
    return 'download';
  }

  /** Durations of the phases completed so far; totalMs runs to the end mark, or to now for a failed request. */
  timings(): PhaseTimings {
    const lookupEndMs = this.#lookupEndMs;
    const connectStartMs = lookupEndMs ?? this.#startMs;
    const readyMs = this.#secureEndMs ?? this.#connectEndMs;
    // Bytes leave only once the socket is ready, so waiting for the first byte starts at the later of the two.
    const sentMs = maxDefined(this.#requestSentMs, readyMs);
    const endMs = this.#endMs ?? performance.now();
    return {
      dnsMs: lookupEndMs === undefined ? null : roundMs(lookupEndMs - this.#startMs),
      connectMs: between(connectStartMs, this.#connectEndMs),
      tlsMs: this.#options.isTls ? between(this.#connectEndMs, this.#secureEndMs) : null,
      firstByteMs: between(sentMs, this.#firstByteMs),
      downloadMs: between(this.#firstByteMs, this.#endMs),
      totalMs: roundMs(endMs - this.#startMs),
    };
  }
}

function between(fromMs: number | undefined, toMs: number | undefined): number | null {
  if (fromMs === undefined || toMs === undefined) return null;
  return roundMs(Math.max(0, toMs - fromMs));
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/** Microsecond precision is all loopback needs; more digits only bloat stored runs. */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
