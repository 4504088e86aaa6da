/**
 * The 1–5 customer-tolerance score (S004: "现有值和合理区间都是用客户容忍值,5分满分,1分为最差") and its roll-up:
 * KPI value → score by interpolating between the good (5), tolerable (3) and bad (1) thresholds — in log space for
 * durations and failure ratios, which customers perceive logarithmically (ITU-T G.1030) — then weighted means capped
 * by critical KPIs (the weakest link), then volume-weighted means over services, channels and regions.
 */

export type IndicatorDirection = 'lower_is_better' | 'higher_is_better';
export type Interpolation = 'log' | 'linear';

export interface ScoreThresholds {
  readonly direction: IndicatorDirection;
  /** Value scoring 5. */
  readonly good: number;
  /** Value scoring 3; defaults to √(good·bad) in log mode, the midpoint in linear mode. */
  readonly tolerable?: number | undefined;
  /** Value scoring 1. */
  readonly bad: number;
  readonly interpolation: Interpolation;
  /** A success percentage (0–100): scored as its failure share 100 − x, so log mode works on small failures. */
  readonly isSuccessPercent?: boolean;
}

export const MAX_SCORE = 5;
export const MIN_SCORE = 1;

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Orients a value so that lower is better (§e.2 step 1). */
function orient(value: number, thresholds: ScoreThresholds): number {
  if (thresholds.isSuccessPercent) return 100 - value;
  return thresholds.direction === 'higher_is_better' ? -value : value;
}

/**
 * Problems that make thresholds unusable (empty when fine): good and bad must differ and sit on the side the
 * direction says, the tolerable anchor between them, and log mode needs positive oriented values.
 */
export function findThresholdProblems(thresholds: ScoreThresholds): string[] {
  const problems: string[] = [];
  const good = orient(thresholds.good, thresholds);
  const bad = orient(thresholds.bad, thresholds);
  if (!Number.isFinite(good) || !Number.isFinite(bad)) return ['thresholds must be finite numbers'];
  if (good >= bad)
    problems.push(
      thresholds.direction === 'lower_is_better' && !thresholds.isSuccessPercent
        ? `good (${thresholds.good}) must be below bad (${thresholds.bad}) when lower is better`
        : `good (${thresholds.good}) must be above bad (${thresholds.bad}) when higher is better`,
    );
  if (thresholds.tolerable !== undefined) {
    const tolerable = orient(thresholds.tolerable, thresholds);
    if (!(tolerable > good && tolerable < bad))
      problems.push(`tolerable (${thresholds.tolerable}) must lie strictly between good and bad`);
  }
  if (thresholds.interpolation === 'log') {
    if (thresholds.direction === 'higher_is_better' && !thresholds.isSuccessPercent)
      problems.push('log interpolation needs lower-is-better values or a success percentage');
    else if (good <= 0)
      problems.push('log interpolation needs a good threshold above zero (use linear for 0)');
  }
  return problems;
}

/**
 * Score of one KPI value on the 1–5 scale (2 decimals). Values at or beyond `good` score 5, at or beyond `bad`
 * score 1. Throws on unusable thresholds (validate definitions with `findThresholdProblems` first).
 *
 * @example scoreValue(3500, { direction: 'lower_is_better', good: 2000, tolerable: 5000, bad: 10000, interpolation: 'log' }) // 3.78
 */
export function scoreValue(value: number, thresholds: ScoreThresholds): number {
  const problems = findThresholdProblems(thresholds);
  if (problems.length > 0) throw new RangeError(problems.join('; '));
  const x = orient(value, thresholds);
  const good = orient(thresholds.good, thresholds);
  const bad = orient(thresholds.bad, thresholds);
  if (x <= good) return MAX_SCORE;
  if (x >= bad) return MIN_SCORE;
  const isLog = thresholds.interpolation === 'log';
  const tolerable =
    thresholds.tolerable !== undefined
      ? orient(thresholds.tolerable, thresholds)
      : isLog
        ? Math.sqrt(good * bad)
        : (good + bad) / 2;
  const phi = (v: number, lo: number, hi: number) =>
    isLog ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
  return round2(x <= tolerable ? 5 - 2 * phi(x, good, tolerable) : 3 - 2 * phi(x, tolerable, bad));
}

/** Apdex (§d.1) mapped onto the 1–5 scale by its conventional rating bands. */
export function scoreApdex(apdex: number): number {
  if (apdex >= 0.94) return 5;
  if (apdex >= 0.85) return 4;
  if (apdex >= 0.7) return 3;
  if (apdex >= 0.5) return 2;
  return 1;
}

/** One part of a roll-up: its score (null = insufficient data), weight and whether it caps the whole. */
export interface ScoredPart {
  readonly key: string;
  readonly score: number | null;
  readonly weight: number;
  readonly critical?: boolean;
}

export interface RolledUpScore {
  /** null when no part has data: insufficient data is never shown as a score. */
  readonly score: number | null;
  /** The lowest-scoring part with data, shown beside every aggregate. */
  readonly worst: { key: string; score: number } | null;
  /** True when a critical part pulled the score below the weighted mean. */
  readonly cappedByCritical: boolean;
}

/**
 * S = min(Σ wᵢ·sᵢ / Σ wᵢ, min over critical parts of sᵢ) over the parts with data (§e.3, §e.4): parts without
 * data are dropped and the remaining weights renormalised.
 */
export function rollUpScores(parts: readonly ScoredPart[]): RolledUpScore {
  const present = parts.filter(
    (part): part is ScoredPart & { score: number } => part.score !== null && part.weight > 0,
  );
  if (present.length === 0) return { score: null, worst: null, cappedByCritical: false };
  const totalWeight = present.reduce((sum, part) => sum + part.weight, 0);
  const mean = present.reduce((sum, part) => sum + part.weight * part.score, 0) / totalWeight;
  const criticalMin = Math.min(...present.filter((part) => part.critical).map((part) => part.score));
  const worstPart = present.reduce((worst, part) => (part.score < worst.score ? part : worst));
  return {
    score: round2(Math.min(mean, criticalMin)),
    worst: { key: worstPart.key, score: worstPart.score },
    cappedByCritical: criticalMin < mean,
  };
}
