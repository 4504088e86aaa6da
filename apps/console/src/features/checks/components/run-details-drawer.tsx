import type { Run } from '@ganzhi/contracts';
import { Drawer } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useI18n } from '../../../lib/i18n';
import { evidenceOfRun } from '../run-evidence';
import { ClockCorrectionTag } from './clock-correction-tag';
import { RunEvidenceView } from './run-evidence-view';

/** A stored run's details beside the page (after "Run now"); closed when `run` is null. */
export function RunDetailsDrawer({
  run,
  plannedSteps,
  onClose,
}: {
  run: Run | null;
  plannedSteps: number;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const evidence = useMemo(() => (run ? evidenceOfRun(run) : null), [run]);
  return (
    <Drawer
      open={run !== null}
      onClose={onClose}
      width={960}
      title={
        run && (
          <>
            {t('detail.runDetails', { time: dayjs(run.startedAt).format('YYYY-MM-DD HH:mm:ss') })}{' '}
            <ClockCorrectionTag correctionMs={run.clockCorrectionMs} />
          </>
        )
      }
      className="run-drawer"
    >
      <div data-testid="run-details">
        {evidence && <RunEvidenceView evidence={evidence} plannedSteps={plannedSteps} />}
      </div>
    </Drawer>
  );
}
