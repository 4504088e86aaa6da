import type { BusinessType, IndicatorDefinition } from '@ganzhi/contracts';
import {
  compileFormula,
  findThresholdProblems,
  FormulaError,
  type CompiledFormula,
  type ScoreThresholds,
  type ScoringIndicator,
} from '@ganzhi/quality';
import type { FieldIssue } from '@ganzhi/runtime';
import { MEASUREMENT_CATALOGS } from './catalogue/index.js';

/** The thresholds of a definition in the form the scoring function takes. */
export function scoreThresholdsOf(definition: IndicatorDefinition): ScoreThresholds {
  return {
    direction: definition.direction,
    good: definition.thresholds.good,
    tolerable: definition.thresholds.tolerable ?? undefined,
    bad: definition.thresholds.bad,
    interpolation: definition.interpolation,
    isSuccessPercent: definition.successPercent,
  };
}

/**
 * Every problem of a definition, with the field it belongs to: a formula that does not parse, uses measurements its
 * source does not provide or divides by a constant zero; thresholds in the wrong order or unusable for their
 * interpolation. Empty when the definition can be evaluated.
 */
export function findDefinitionProblems(definition: IndicatorDefinition): FieldIssue[] {
  const issues: FieldIssue[] = [];
  try {
    compileFormula(definition.formula, MEASUREMENT_CATALOGS[definition.source]);
  } catch (error) {
    if (!(error instanceof FormulaError)) throw error;
    // The formula language's own diagnostics (position, measurement names) travel as the text's detail.
    issues.push({
      path: 'formula',
      code: 'invalid_formula',
      params: { detail: error.message },
      message: error.message,
    });
  }
  if (definition.scoring === 'thresholds')
    for (const message of findThresholdProblems(scoreThresholdsOf(definition)))
      issues.push({ path: thresholdPathOf(message), message });
  if (definition.successPercent && definition.direction !== 'higher_is_better')
    issues.push({ path: 'successPercent', message: 'a success percentage is higher-is-better' });
  return issues;
}

function thresholdPathOf(message: string): string {
  if (message.startsWith('tolerable')) return 'thresholds.tolerable';
  if (message.startsWith('log interpolation')) return 'interpolation';
  return 'thresholds.bad';
}

/** A definition ready to score: formula compiled (the definition must have passed `findDefinitionProblems`). */
export interface CompiledIndicator {
  readonly definition: IndicatorDefinition;
  readonly formula: CompiledFormula;
}

export function compileIndicator(definition: IndicatorDefinition): CompiledIndicator {
  return { definition, formula: compileFormula(definition.formula, MEASUREMENT_CATALOGS[definition.source]) };
}

/** What scoring needs, with criticality resolved for one business type. */
export function scoringIndicatorFor(
  indicator: CompiledIndicator,
  businessType: BusinessType | null,
): ScoringIndicator {
  const { definition } = indicator;
  const critical =
    definition.critical &&
    (definition.criticalFor.length === 0 ||
      (businessType !== null && definition.criticalFor.includes(businessType)));
  return {
    id: definition.id,
    family: definition.family,
    formula: indicator.formula,
    scoring: definition.scoring,
    thresholds: scoreThresholdsOf(definition),
    minSamples: definition.minSamples,
    critical,
    weight: definition.weight,
    outcome: definition.outcome,
  };
}

/** Whether an indicator applies to a service (empty filters apply everywhere). */
export function appliesToService(
  definition: IndicatorDefinition,
  service: {
    readonly channel: string;
    readonly business: string;
    readonly businessType: BusinessType | null;
  },
): boolean {
  const { channels, businessTypes, businesses } = definition.appliesTo;
  return (
    (channels.length === 0 || channels.includes(service.channel)) &&
    (businesses.length === 0 || businesses.includes(service.business)) &&
    (businessTypes.length === 0 ||
      (service.businessType !== null && businessTypes.includes(service.businessType)))
  );
}
