import type { MessageKey, Translate } from '../../lib/i18n';

/**
 * Units of the indicator catalogue that are words rather than symbols, in the reader's language; symbols (`%`,
 * `s`, `ms`, `× SLA`) and units people typed are shown as written.
 */
const UNIT_WORDS: Readonly<Record<string, MessageKey>> = {
  ratio: 'indicatorUnit.ratio',
  score: 'indicatorUnit.score',
  steps: 'indicatorUnit.steps',
  min: 'indicatorUnit.min',
  h: 'indicatorUnit.h',
  '× trend': 'indicatorUnit.trend',
};

/**
 * An indicator's unit for display.
 * @example indicatorUnitText('ratio', t) // "比值"
 */
export function indicatorUnitText(unit: string, t: Translate): string {
  const key = UNIT_WORDS[unit];
  return key ? t(key) : unit;
}
