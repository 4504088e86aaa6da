import { useMemo } from 'react';
import { ChartPanel } from '../../../components/chart-panel';
import { useI18n } from '../../../lib/i18n';
import { buildWaterfallChartOption } from '../charts/waterfall-chart-option';
import type { RunEvidence } from '../run-evidence';

/** Height per step row, and room for the legend and the time axis. */
const ROW_HEIGHT_PX = 34;
const CHROME_HEIGHT_PX = 72;

/**
 * The flow's waterfall, for a try run or a stored one. `data-rows` and `data-failed-rows` tell tests what it
 * shows without reading the SVG.
 */
export function RunWaterfall({ evidence }: { evidence: RunEvidence }) {
  const { t } = useI18n();
  const option = useMemo(
    () => buildWaterfallChartOption(evidence.steps, evidence.startedAt, t),
    [evidence, t],
  );
  const failedRows = evidence.steps.filter((step) => !step.ok).length;
  return (
    <div data-testid="waterfall" data-rows={evidence.steps.length} data-failed-rows={failedRows}>
      <ChartPanel
        option={option}
        heightPx={Math.max(140, CHROME_HEIGHT_PX + ROW_HEIGHT_PX * evidence.steps.length)}
        testId="waterfall-chart"
      />
    </div>
  );
}
