import type { CompiledFormula, MeasurementValues } from './indicator-formula.js';
import {
  rollUpScores,
  scoreApdex,
  scoreValue,
  type RolledUpScore,
  type ScoreThresholds,
} from './tolerance-score.js';

/**
 * From measurements to what customers feel (§e): each KPI's formula is evaluated over its window's measurements and
 * scored 1–5; KPIs roll up into KQIs per family (weighted mean capped by critical KPIs), KQIs into the service score
 * (family weights, critical families cap), services into channels and regions by volume. A KPI with too few samples
 * is "insufficient" and drops out with its weight; nothing without data ever gets a score.
 */

export type KpiStatus = 'ok' | 'insufficient' | 'no_data';

/** What scoring needs of an indicator definition (its formula already compiled). */
export interface ScoringIndicator {
  readonly id: string;
  readonly family: string;
  readonly formula: CompiledFormula;
  readonly scoring: 'thresholds' | 'apdex';
  readonly thresholds: ScoreThresholds;
  readonly minSamples: number;
  readonly critical: boolean;
  readonly weight: number;
  /** Outcome indicators are reported, never rolled into the score. */
  readonly outcome: boolean;
}

export interface KpiScore {
  readonly indicatorId: string;
  readonly family: string;
  readonly value: number | null;
  readonly score: number | null;
  readonly samples: number;
  readonly status: KpiStatus;
  readonly critical: boolean;
}

/** The measurement every source provides for the evidence rule: how many samples the window holds. */
export const SAMPLES_MEASUREMENT = 'samples';

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** One KPI over one window: value, score and status. `values.samples` counts the evidence. */
export function scoreKpi(indicator: ScoringIndicator, values: MeasurementValues): KpiScore {
  const rawSamples = values[SAMPLES_MEASUREMENT];
  const samples = typeof rawSamples === 'number' && Number.isFinite(rawSamples) ? rawSamples : 0;
  const base = {
    indicatorId: indicator.id,
    family: indicator.family,
    samples,
    critical: indicator.critical,
  };
  if (samples <= 0) return { ...base, value: null, score: null, status: 'no_data' };
  const value = indicator.formula.evaluate(values);
  if (value === null) return { ...base, value: null, score: null, status: 'no_data' };
  if (samples < indicator.minSamples)
    return { ...base, value: round4(value), score: null, status: 'insufficient' };
  const score = indicator.scoring === 'apdex' ? scoreApdex(value) : scoreValue(value, indicator.thresholds);
  return { ...base, value: round4(value), score, status: 'ok' };
}

/** How KQIs weigh in a service score (§e.4 defaults: reliability .35, efficiency .30, integrity .20, usability .15). */
export interface ServiceScoringPolicy {
  readonly familyWeights: Readonly<Record<string, number>>;
  /** Families whose KQI caps the service score (reliability for payment, recharge, account opening). */
  readonly criticalFamilies: readonly string[];
}

export const DEFAULT_FAMILY_WEIGHTS: Readonly<Record<string, number>> = {
  reliability: 0.35,
  efficiency: 0.3,
  integrity: 0.2,
  usability: 0.15,
  capacity: 0,
};

export interface KqiScore extends RolledUpScore {
  readonly family: string;
}

export interface ServiceScore {
  readonly score: number | null;
  /** The lowest-scoring KQI with data. */
  readonly worstKqi: { key: string; score: number } | null;
  /** The lowest-scoring KPI with data, across every KQI. */
  readonly worstKpi: { key: string; score: number } | null;
  readonly cappedByCritical: boolean;
  readonly kqis: readonly KqiScore[];
}

/** KPI → KQI per family → service (§e.3, §e.4). Outcome KPIs are left out of both steps. */
export function scoreService(kpis: readonly KpiScore[], policy: ServiceScoringPolicy): ServiceScore {
  const byFamily = new Map<string, KpiScore[]>();
  for (const kpi of kpis) {
    const list = byFamily.get(kpi.family) ?? [];
    list.push(kpi);
    byFamily.set(kpi.family, list);
  }
  const kqis: KqiScore[] = [...byFamily.entries()].map(([family, members]) => ({
    family,
    ...rollUpScores(
      members.map((kpi) => ({
        key: kpi.indicatorId,
        score: kpi.score,
        weight: 1,
        critical: kpi.critical,
      })),
    ),
  }));
  const service = rollUpScores(
    kqis.map((kqi) => ({
      key: kqi.family,
      score: kqi.score,
      weight: policy.familyWeights[kqi.family] ?? 0,
      critical: policy.criticalFamilies.includes(kqi.family),
    })),
  );
  const scored = kpis.filter(
    (kpi): kpi is KpiScore & { score: number } =>
      kpi.score !== null && (policy.familyWeights[kpi.family] ?? 0) > 0,
  );
  const worstKpi = scored.reduce<{ key: string; score: number } | null>(
    (worst, kpi) =>
      worst === null || kpi.score < worst.score ? { key: kpi.indicatorId, score: kpi.score } : worst,
    null,
  );
  return {
    score: service.score,
    worstKqi: service.worst,
    worstKpi,
    cappedByCritical: service.cappedByCritical,
    kqis,
  };
}

/** One scored member of an aggregate (a service in a channel, a channel in a region …) and its volume. */
export interface VolumePart {
  readonly key: string;
  readonly score: number | null;
  readonly volume: number;
}

export interface VolumeWeightedScore {
  readonly score: number | null;
  readonly worst: { key: string; score: number } | null;
  readonly volume: number;
  /** Members with a score, of all members. */
  readonly scored: number;
}

/**
 * S = Σ vᵢ·sᵢ / Σ vᵢ over members with a score (§e.4), with the worst member beside it so an average cannot hide a
 * red service. Members without volume but with a score (a probe-only service) weigh 1.
 */
export function volumeWeightedScore(parts: readonly VolumePart[]): VolumeWeightedScore {
  const rolled = rollUpScores(
    parts.map((part) => ({ key: part.key, score: part.score, weight: Math.max(part.volume, 1) })),
  );
  return {
    score: rolled.score,
    worst: rolled.worst,
    volume: parts.reduce((sum, part) => sum + part.volume, 0),
    scored: parts.filter((part) => part.score !== null).length,
  };
}
