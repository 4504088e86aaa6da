import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useI18n } from '../../../lib/i18n';
import type { AuditFilter } from '../audit-filter';

interface AuditFilterValues {
  readonly actor?: string;
  readonly resource?: string;
  readonly outcome?: AuditFilter['outcome'];
  readonly range?: [Dayjs | null, Dayjs | null] | null;
}

const OUTCOMES = ['ok', 'denied', 'failed'] as const;

function filterOf(values: AuditFilterValues): AuditFilter {
  const [from, to] = values.range ?? [null, null];
  return {
    ...(values.actor ? { actor: values.actor } : {}),
    ...(values.resource ? { resource: values.resource } : {}),
    ...(values.outcome ? { outcome: values.outcome } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
  };
}

/** Who, what, how it ended and when: the audit log's filters, applied with the search button. */
export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form<AuditFilterValues>
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={(values) => onChange(filterOf(values))}
      data-testid="audit-filters"
    >
      <Form.Item name="actor">
        <Input allowClear placeholder={t('audit.actor')} style={{ width: 160 }} data-testid="audit-actor" />
      </Form.Item>
      <Form.Item name="resource">
        <Input
          allowClear
          placeholder={t('audit.resourcePlaceholder')}
          style={{ width: 180 }}
          data-testid="audit-resource"
        />
      </Form.Item>
      <Form.Item name="outcome">
        <Select
          allowClear
          placeholder={t('audit.outcome')}
          style={{ width: 130 }}
          options={OUTCOMES.map((outcome) => ({
            value: outcome,
            label: t(`audit.outcome.${outcome}`),
            title: outcome,
          }))}
          data-testid="audit-outcome"
        />
      </Form.Item>
      <Form.Item name="range">
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          allowEmpty={[true, true]}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" data-testid="audit-search">
        {t('audit.search')}
      </Button>
      <Button
        onClick={() => {
          form.resetFields();
          onChange({});
        }}
      >
        {t('audit.reset')}
      </Button>
    </Form>
  );
}
