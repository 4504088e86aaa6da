import { classifyFailureRatio, type FailureTier } from '@ganzhi/quality';

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
