import type { AssertionResult, ErrorClass, ExpectedStatus, HttpStep } from '@ganzhi/contracts';

/** What the assertions look at: the response's status, the buffered start of its body, the step's total time. */
export interface HttpAssertionInput {
  readonly status: number;
  /** At most the sampled prefix of the body; `bodyContains` cannot see past it. */
  readonly bodySample: string;
  readonly totalMs: number;
}

export interface HttpAssertionOutcome {
  readonly assertions: AssertionResult[];
  /** The first failed assertion's class and message; null when all passed. */
  readonly errorClass: ErrorClass | null;
  readonly errorMessage: string | null;
}

/**
 * Runs every assertion the step asks for, in a fixed order (status, body, latency), and reports all of them, so
 * the run shows each result even after the first failure.
 *
 * @example checkHttpAssertions(step, { status: 503, bodySample: '', totalMs: 12 }).errorClass // 'http_status'
 */
export function checkHttpAssertions(step: HttpStep, input: HttpAssertionInput): HttpAssertionOutcome {
  const checks: { result: AssertionResult; errorClass: ErrorClass }[] = [
    { result: checkStatus(step.expectStatus, input.status), errorClass: 'http_status' },
  ];
  if (step.bodyContains !== undefined) {
    const ok = input.bodySample.includes(step.bodyContains);
    const actual = ok ? 'found' : 'not found';
    checks.push({
      result: { name: 'body contains', ok, expected: step.bodyContains, actual },
      errorClass: 'assertion',
    });
  }
  if (step.maxLatencyMs !== undefined) {
    const ok = input.totalMs <= step.maxLatencyMs;
    const result = {
      name: 'latency',
      ok,
      expected: `<= ${step.maxLatencyMs} ms`,
      actual: `${input.totalMs} ms`,
    };
    checks.push({ result, errorClass: 'assertion' });
  }
  const failed = checks.find((check) => !check.result.ok);
  return {
    assertions: checks.map((check) => check.result),
    errorClass: failed?.errorClass ?? null,
    errorMessage: failed ? describeFailure(failed.result) : null,
  };
}

/** True when `status` is the expected code, or falls in the expected class ("2xx" matches 200–299). */
export function isExpectedStatus(expected: ExpectedStatus, status: number): boolean {
  if (typeof expected === 'number') return status === expected;
  return String(status).charAt(0) === expected.charAt(0) && status >= 100 && status <= 599;
}

function checkStatus(expected: ExpectedStatus, status: number): AssertionResult {
  return {
    name: 'status',
    ok: isExpectedStatus(expected, status),
    expected: String(expected),
    actual: String(status),
  };
}

function describeFailure(result: AssertionResult): string {
  return `${result.name}: expected ${result.expected}, got ${result.actual}`;
}
