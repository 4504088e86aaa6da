import { vi } from 'vitest';

/** What a command printed, captured where the output layer writes it (tests only). */
export interface CapturedOutput {
  /** Standard output so far. */
  out(): string;
  /** Standard error so far. */
  err(): string;
}

/** Captures standard output and error until `vi.restoreAllMocks()`. */
export function captureOutput(): CapturedOutput {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}
