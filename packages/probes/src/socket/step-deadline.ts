import type { ErrorClass } from '@ganzhi/contracts';
import { classifySocketError, describeSocketError } from './classify-socket-error.js';

/** How a socket step ended: fine, or with a classified failure. */
export type Verdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly errorClass: ErrorClass; readonly errorMessage: string };

export interface StepDeadlineOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Called once if the step's time runs out or the flow is aborted before the step settles. */
  readonly onInterrupt: (reason: 'timeout' | 'aborted') => void;
}

/**
 * The settle-once lifecycle socket steps share: a step timer, the flow's abort signal, and exactly one verdict.
 * `arm()` starts watching; `claim()` is true for the first caller only and releases the timer and listener.
 */
export class StepDeadline {
  readonly #options: StepDeadlineOptions;
  #timer: NodeJS.Timeout | undefined;
  #isSettled = false;

  constructor(options: StepDeadlineOptions) {
    this.#options = options;
  }

  /** Starts the timer and the abort listener; false when the flow was aborted before the step began. */
  arm(): boolean {
    if (this.#options.signal.aborted) return false;
    this.#timer = setTimeout(() => this.#options.onInterrupt('timeout'), this.#options.timeoutMs);
    this.#options.signal.addEventListener('abort', this.#onAbort, { once: true });
    return true;
  }

  claim(): boolean {
    if (this.#isSettled) return false;
    this.#isSettled = true;
    clearTimeout(this.#timer);
    this.#options.signal.removeEventListener('abort', this.#onAbort);
    return true;
  }

  readonly #onAbort = (): void => this.#options.onInterrupt('aborted');
}

/** The verdict for a step interrupted in `phase`. */
export function interruptedVerdict(
  reason: 'timeout' | 'aborted',
  at: { timeoutMs: number; phase: string },
): Verdict {
  const errorMessage =
    reason === 'timeout'
      ? `timed out after ${at.timeoutMs} ms during ${at.phase}`
      : `aborted during ${at.phase}`;
  return { ok: false, errorClass: 'timeout', errorMessage };
}

/** The verdict for a socket, TLS or parser error. */
export function failedVerdict(error: unknown): Verdict {
  const errorClass = classifySocketError(error);
  return { ok: false, errorClass, errorMessage: describeSocketError(error, errorClass) };
}
