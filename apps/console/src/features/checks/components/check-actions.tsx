import type { CheckSummary, Run } from '@ganzhi/contracts';
import { App, Button, Popconfirm, Segmented } from 'antd';
import { useNavigate } from 'react-router-dom';
import { formatLatencyMs } from '../../../lib/format-latency';
import { useI18n } from '../../../lib/i18n';
import { usePermissions } from '../../auth';
import { useDeleteCheck, useRunNow } from '../api/check-api';
import { isTimeRange, TIME_RANGES, type TimeRange } from '../time-range';

export interface CheckActionsProps {
  readonly check: CheckSummary;
  readonly range: TimeRange;
  readonly onRangeChange: (range: TimeRange) => void;
  /** Told about the run "Run now" made, so the page can show its details. */
  readonly onRan?: (run: Run) => void;
}

/** Time range, run now, edit and delete (with confirmation) for one check. */
export function CheckActions({ check, range, onRangeChange, onRan }: CheckActionsProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const runNow = useRunNow(check.id);
  const remove = useDeleteCheck(check.id);

  const onRunNow = () =>
    runNow.mutate(undefined, {
      onSuccess: (run) => {
        // The page shows the run's details when it listens; a short message says the same otherwise.
        if (onRan) onRan(run);
        else if (run.ok)
          void message.success(t('detail.ranOk', { duration: formatLatencyMs(run.durationMs) }));
        else
          void message.warning(t('detail.ranFailed', { reason: run.errorMessage ?? run.errorClass ?? '' }));
      },
      onError: (error) => void message.error(t('detail.runFailed', { message: error.message })),
    });

  const onDelete = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        void message.success(t('detail.deleted'));
        void navigate('/checks', { replace: true });
      },
      onError: (error) => void message.error(t('detail.deleteFailed', { message: error.message })),
    });

  return (
    <>
      <Segmented<TimeRange>
        aria-label={t('detail.range')}
        data-testid="time-range"
        options={TIME_RANGES.map((value) => ({ value, label: t(`detail.range.${value}`) }))}
        value={range}
        onChange={(value) => {
          if (isTimeRange(value)) onRangeChange(value);
        }}
      />
      {can('checks:run') && (
        <Button type="primary" onClick={onRunNow} loading={runNow.isPending} data-testid="run-now-button">
          {t('detail.runNow')}
        </Button>
      )}
      {can('checks:write') && (
        <Button
          onClick={() => void navigate(`/checks/${encodeURIComponent(check.id)}/edit`)}
          data-testid="edit-check-button"
        >
          {t('common.edit')}
        </Button>
      )}
      {can('checks:write') && (
        <Popconfirm
          title={t('detail.deleteConfirm', { name: check.name })}
          okText={t('common.delete')}
          okButtonProps={{ danger: true, loading: remove.isPending }}
          cancelText={t('common.cancel')}
          onConfirm={onDelete}
        >
          <Button danger data-testid="delete-check-button">
            {t('common.delete')}
          </Button>
        </Popconfirm>
      )}
    </>
  );
}
