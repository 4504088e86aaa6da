import type { AssertionResult, ErrorClass, PhaseTimings, StepResult } from '@ganzhi/contracts';

/**
 * A run's step results as stored for failures and the latest runs of a check: positional JSON arrays instead of
 * objects (no key repeated per step), booleans as 0/1, and each step's start as milliseconds after the run's start
 * instead of a 24-character timestamp: about 60 % of the object form for a one-step HTTP run.
 *
 * Layout (format 1): `[1, step, …]`, each step
 * `[index, kind, name, ok, start, [dns, connect, tls, firstByte, download, total], errorClass, errorMessage,
 *   [[name, ok, expected, actual], …], detail, variables?]`
 * where `start` is a number (ms after the run's start) when that reproduces the stored timestamp exactly, and the
 * original text otherwise.
 *
 * @example decodeStepDetail(encodeStepDetail(steps, runStartMs), runStartMs) // deep-equals steps
 */
const FORMAT = 1;

type Flag = 0 | 1;
type EncodedTimings = [number | null, number | null, number | null, number | null, number | null, number];
type EncodedAssertion = [string, Flag, string, string];
type EncodedStep = [
  number,
  string,
  string,
  Flag,
  number | string,
  EncodedTimings,
  ErrorClass | null,
  string | null,
  EncodedAssertion[],
  StepResult['detail'],
  Record<string, string>?,
];

const flag = (value: boolean): Flag => (value ? 1 : 0);

function encodeStart(startedAt: string, runStartMs: number): number | string {
  const ms = Date.parse(startedAt);
  return Number.isFinite(ms) && new Date(ms).toISOString() === startedAt ? ms - runStartMs : startedAt;
}

function encodeStep(step: StepResult, runStartMs: number): EncodedStep {
  const { timings: t } = step;
  const encoded: EncodedStep = [
    step.index,
    step.kind,
    step.name,
    flag(step.ok),
    encodeStart(step.startedAt, runStartMs),
    [t.dnsMs, t.connectMs, t.tlsMs, t.firstByteMs, t.downloadMs, t.totalMs],
    step.errorClass,
    step.errorMessage,
    step.assertions.map((a): EncodedAssertion => [a.name, flag(a.ok), a.expected, a.actual]),
    step.detail,
  ];
  if (step.variables !== undefined) encoded.push(step.variables);
  return encoded;
}

export function encodeStepDetail(steps: readonly StepResult[], runStartMs: number): string {
  return JSON.stringify([FORMAT, ...steps.map((step) => encodeStep(step, runStartMs))]);
}

function decodeTimings([
  dnsMs,
  connectMs,
  tlsMs,
  firstByteMs,
  downloadMs,
  totalMs,
]: EncodedTimings): PhaseTimings {
  return { dnsMs, connectMs, tlsMs, firstByteMs, downloadMs, totalMs };
}

function decodeStep(encoded: EncodedStep, runStartMs: number): StepResult {
  const [index, kind, name, ok, start, timings, errorClass, errorMessage, assertions, detail, variables] =
    encoded;
  const step: StepResult = {
    index,
    kind,
    name,
    ok: ok === 1,
    startedAt: typeof start === 'number' ? new Date(runStartMs + start).toISOString() : start,
    timings: decodeTimings(timings),
    errorClass,
    errorMessage,
    assertions: assertions.map(([assertionName, passed, expected, actual]): AssertionResult => ({
      name: assertionName,
      ok: passed === 1,
      expected,
      actual,
    })),
    detail,
  };
  return variables === undefined ? step : { ...step, variables };
}

/** The steps of a stored detail; the text was written by `encodeStepDetail` (the server's own column). */
export function decodeStepDetail(stored: string, runStartMs: number): StepResult[] {
  const [format, ...steps] = JSON.parse(stored) as [number, ...EncodedStep[]];
  if (format !== FORMAT) throw new Error(`unknown step detail format ${String(format)}`);
  return steps.map((step) => decodeStep(step, runStartMs));
}
