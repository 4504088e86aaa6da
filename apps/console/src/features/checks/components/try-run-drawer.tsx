import { Alert, Button, Drawer, Progress, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import type { TryResult } from '../api/check-api';
import { evidenceOfTry } from '../run-evidence';
import { RunEvidenceView } from './run-evidence-view';

export interface TryRunDrawerProps {
  readonly open: boolean;
  readonly isRunning: boolean;
  readonly result: TryResult | undefined;
  /** Why the try could not run (network, server); invalid definitions are shown on the form instead. */
  readonly errorMessage: string | null;
  readonly plannedSteps: number;
  readonly onRunAgain: () => void;
  readonly onClose: () => void;
}

/** A browser step typically takes this long; the bar creeps towards it and then waits. */
const EXPECTED_RUN_MS = 10_000;

/** Elapsed seconds while running, so a slow flow (a browser step, a timeout) visibly makes progress. */
function RunningState() {
  const { t } = useI18n();
  const [startedAt] = useState(() => Date.now());
  const [elapsedMs, setElapsedMs] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => setElapsedMs(Date.now() - startedAt), 250);
    return () => window.clearInterval(timer);
  }, [startedAt]);
  // Approaches 95 % and stays there: the server gives no progress, so the bar must never claim to be done.
  const percent = Math.round(95 * (1 - Math.exp(-elapsedMs / EXPECTED_RUN_MS)));
  return (
    <Space direction="vertical" className="full-width try-running" data-testid="try-running">
      <Typography.Text>{t('try.running', { seconds: Math.floor(elapsedMs / 1000) })}</Typography.Text>
      <Progress percent={percent} status="active" showInfo={false} />
      <Typography.Text type="secondary">{t('try.runningHint')}</Typography.Text>
    </Space>
  );
}

/** "Run now" in the editor: the current definition run once, nothing saved, the result beside the form. */
export function TryRunDrawer(props: TryRunDrawerProps) {
  const { t } = useI18n();
  const { result } = props;
  const evidence = useMemo(() => (result ? evidenceOfTry(result) : undefined), [result]);
  return (
    <Drawer
      open={props.open}
      onClose={props.onClose}
      width={960}
      title={t('try.title')}
      destroyOnHidden
      className="try-drawer"
      extra={
        <Button onClick={props.onRunAgain} loading={props.isRunning} data-testid="try-again">
          {t('try.again')}
        </Button>
      }
    >
      <div data-testid="try-result">
        <Typography.Paragraph type="secondary">{t('try.notSaved')}</Typography.Paragraph>
        {props.isRunning && <RunningState />}
        {!props.isRunning && props.errorMessage && (
          <Alert type="error" showIcon message={props.errorMessage} data-testid="try-error" />
        )}
        {!props.isRunning && !props.errorMessage && evidence && (
          <RunEvidenceView evidence={evidence} plannedSteps={props.plannedSteps} />
        )}
      </div>
    </Drawer>
  );
}
