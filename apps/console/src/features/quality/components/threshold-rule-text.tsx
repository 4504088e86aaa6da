import type { Indicator } from '@ganzhi/contracts';
import { useI18n } from '../../../lib/i18n';
import { thresholdRuleOf } from '../indicator-thresholds';

/** An indicator's scoring rule, one clause a line (good, tolerable, bad), so that a clause never breaks. */
export function ThresholdRuleText({ indicator }: { readonly indicator: Indicator }) {
  const { t } = useI18n();
  const rule = thresholdRuleOf(indicator, t);
  return (
    <div data-testid={`indicator-rule-${indicator.id}`}>
      {[...(rule.lead === null ? [] : [rule.lead]), ...rule.clauses].map((line) => (
        <div key={line} className="nowrap">
          {line}
        </div>
      ))}
    </div>
  );
}
