/**
 * Failure tiers from the seeds (S000): a service works well below 1 % failures and badly above 10 %.
 * Mirrors `classifyFailureRatio` in @ganzhi/quality, which the console does not depend on yet.
 */
export type FailureTier = 'good' | 'fair' | 'bad';

export function classifyFailureRatio(failureRatio: number): FailureTier {
  if (failureRatio < 0.01) return 'good';
  if (failureRatio > 0.1) return 'bad';
  return 'fair';
}

/** antd's palette: green, gold, red. */
export const FAILURE_TIER_COLORS: Readonly<Record<FailureTier, string>> = {
  good: '#389e0d',
  fair: '#d48806',
  bad: '#cf1322',
};

/** The colour for a success ratio (0–1), or undefined when there were no runs. */
export function colorOfSuccessRatio(successRatio: number | null | undefined): string | undefined {
  if (successRatio === null || successRatio === undefined) return undefined;
  return FAILURE_TIER_COLORS[classifyFailureRatio(1 - successRatio)];
}
