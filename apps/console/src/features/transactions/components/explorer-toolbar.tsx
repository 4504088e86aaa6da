import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../../lib/i18n';
import { TIME_RANGES } from '../../checks';
import { windowOf, type ExplorerState, type RangeChoice } from '../explorer-state';

const RANGE_CHOICES: readonly RangeChoice[] = [...TIME_RANGES, 'custom'];

export interface ExplorerToolbarProps {
  readonly state: ExplorerState;
  readonly onChange: (next: Partial<ExplorerState>) => void;
  /** The CSV of what is shown, or null before there is anything to export. */
  readonly exportHref: string | null;
}

/** The page header's controls: time range (presets or a custom window), auto-refresh and CSV export. */
export function ExplorerToolbar({ state, onChange, exportHref }: ExplorerToolbarProps) {
  const { t } = useI18n();
  const chooseRange = (range: RangeChoice) => {
    if (range !== 'custom') return onChange({ range, custom: null });
    // A custom window starts as the window shown now, so the calendar opens somewhere sensible.
    const { from, to } = windowOf(state, Date.now());
    onChange({ range, custom: state.custom ?? { from, to } });
  };
  return (
    <Space wrap>
      <Segmented
        value={state.range}
        onChange={chooseRange}
        options={RANGE_CHOICES.map((value) => ({
          value,
          label: value === 'custom' ? t('transactions.range.custom') : value,
        }))}
        data-testid="transactions-range"
      />
      {state.range === 'custom' && state.custom && (
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowClear={false}
          placeholder={[t('transactions.range.from'), t('transactions.range.to')]}
          value={[dayjs(state.custom.from), dayjs(state.custom.to)]}
          disabledDate={(day) => day.isAfter(dayjs().endOf('day'))}
          onChange={(values) => {
            const [from, to] = values ?? [];
            if (from && to && from.isBefore(to))
              onChange({ custom: { from: from.toISOString(), to: to.toISOString() } });
          }}
          data-testid="transactions-custom-range"
        />
      )}
      <Space size={4}>
        <Switch
          size="small"
          checked={state.live}
          onChange={(live) => onChange({ live })}
          data-testid="transactions-live"
        />
        <Typography.Text type="secondary">{t('transactions.live')}</Typography.Text>
      </Space>
      <Button
        icon={<DownloadOutlined />}
        href={exportHref ?? undefined}
        disabled={exportHref === null}
        download
        data-testid="transactions-export"
      >
        {t('transactions.export')}
      </Button>
    </Space>
  );
}
