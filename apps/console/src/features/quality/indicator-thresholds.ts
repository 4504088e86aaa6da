import type { Indicator } from '@ganzhi/contracts';
import type { Translate } from '../../lib/i18n';
import { formatLatencyMs } from '../../lib/format-latency';
import { indicatorUnitText } from './indicator-units';

/** A number as people read it: at most three decimals, none trailing ("0.5", "99.9", "4.47"). */
function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : 3;
  const text = Number(value.toFixed(digits)).toString();
  // A real minus sign: a hyphen reads as a dash beside "≤" and "≥".
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : text;
}

/**
 * A value of an indicator in its unit, as the console shows such values elsewhere: milliseconds as "235 ms" or
 * "2.35 s", 0–1 ratios as percents ("25 %"), word units in the reader's language, symbols as written.
 * @example formatIndicatorQuantity(0.25, 'ratio', t) // "25 %"
 */
export function formatIndicatorQuantity(value: number, unit: string, t: Translate): string {
  if (unit === 'ms') return formatLatencyMs(value);
  if (unit === 'ratio') return `${formatNumber(value * 100)} %`;
  const text = formatNumber(value);
  return unit === '' ? text : `${text} ${indicatorUnitText(unit, t)}`;
}

/**
 * The tolerable anchor the server uses when none is set (`scoreValue` in packages/quality): √(good·bad) in log mode,
 * the midpoint in linear mode, on the oriented scale — a success percentage is interpolated on its failure share.
 */
function derivedTolerable(indicator: Indicator): number {
  const { good, bad } = indicator.thresholds;
  if (indicator.interpolation === 'linear') return (good + bad) / 2;
  return indicator.successPercent ? 100 - Math.sqrt((100 - good) * (100 - bad)) : Math.sqrt(good * bad);
}

/** Apdex scoring ignores the thresholds: its rating bands (`scoreApdex`) score 5 from 0.94, 3 from 0.7, 1 below 0.5. */
const APDEX_BANDS = { good: 0.94, tolerable: 0.7, bad: 0.5 } as const;

/** The rule of one indicator: an optional lead-in ("Apdex rating:") and its clauses, best first. */
export interface ThresholdRule {
  readonly lead: string | null;
  readonly clauses: readonly string[];
}

/**
 * An indicator's scoring rule, clause by clause, exactly as the server scores a value (`scoreValue`): at or better
 * than `good` scores 5 (inclusive), at or worse than `bad` scores 1 (inclusive), `tolerable` scores exactly 3 and
 * values in between are interpolated. A missing tolerable anchor shows the derived one with "≈".
 * @example thresholdRuleOf(pageOpen, t).clauses // ["good (5) ≤ 2 s", "tolerable (3) at 5 s", "bad (1) ≥ 10 s"]
 */
export function thresholdRuleOf(indicator: Indicator, t: Translate): ThresholdRule {
  const format = (value: number) => formatIndicatorQuantity(value, indicator.unit, t);
  if (indicator.scoring === 'apdex')
    return {
      lead: t('indicators.rule.apdex'),
      clauses: [
        t('indicators.rule.goodAtLeast', { value: format(APDEX_BANDS.good) }),
        t('indicators.rule.tolerableAtLeast', { value: format(APDEX_BANDS.tolerable) }),
        t('indicators.rule.badBelow', { value: format(APDEX_BANDS.bad) }),
      ],
    };
  const { good, tolerable, bad } = indicator.thresholds;
  const lower = indicator.direction === 'lower_is_better';
  return {
    lead: null,
    clauses: [
      t(lower ? 'indicators.rule.goodAtMost' : 'indicators.rule.goodAtLeast', { value: format(good) }),
      t('indicators.rule.tolerableAt', {
        value: tolerable === null ? `≈ ${format(derivedTolerable(indicator))}` : format(tolerable),
      }),
      t(lower ? 'indicators.rule.badAtLeast' : 'indicators.rule.badAtMost', { value: format(bad) }),
    ],
  };
}

/**
 * The rule as one line.
 * @example describeThresholds(pageOpen, t) // "good (5) ≤ 2 s · tolerable (3) at 5 s · bad (1) ≥ 10 s"
 */
export function describeThresholds(indicator: Indicator, t: Translate): string {
  const rule = thresholdRuleOf(indicator, t);
  const clauses = rule.clauses.join(' · ');
  return rule.lead === null ? clauses : `${rule.lead} ${clauses}`;
}
