import type { CapacitySettingsInput, SystemCapacity } from '@ganzhi/contracts';
import { Form, InputNumber, Modal, message } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../lib/api-error';
import { useI18n } from '../../../lib/i18n';
import { describeError, describeIssue } from '../../../lib/server-text';
import { useSaveCapacitySettings } from '../api/capacity-api';

/** Planned (P) and configured (A) tpmC, the CPU threshold and the daytime window of one system. */
export function CapacitySettingsModal({
  system,
  onClose,
}: {
  readonly system: SystemCapacity | null;
  readonly onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<CapacitySettingsInput>();
  const save = useSaveCapacitySettings();

  useEffect(() => {
    if (!system) return;
    const { plannedTpmc, configuredTpmc, cpuThresholdPercent, daytimeStartHour, daytimeEndHour } =
      system.settings;
    form.setFieldsValue({
      plannedTpmc,
      configuredTpmc,
      cpuThresholdPercent,
      daytimeStartHour,
      daytimeEndHour,
    });
  }, [system, form]);

  const onOk = async () => {
    if (!system) return;
    const values = await form.validateFields();
    try {
      await save.mutateAsync({ system: system.system, input: values });
      void message.success(t('capacity.saved'));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0)
        form.setFields(
          error.details.map((issue) => ({
            name: issue.path.split('.'),
            errors: [describeIssue(issue, t)],
          })) as Parameters<typeof form.setFields>[0],
        );
      else void message.error(describeError(error, t));
    }
  };

  return (
    <Modal
      open={system !== null}
      title={t('capacity.settingsTitle', { name: system?.system ?? '' })}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={save.isPending}
      okButtonProps={{ 'data-testid': 'capacity-settings-save' }}
    >
      <Form form={form} layout="vertical" data-testid="capacity-settings-form">
        <Form.Item name="plannedTpmc" label={t('capacity.plannedTpmc')} extra={t('capacity.plannedTpmcHint')}>
          <InputNumber style={{ width: '100%' }} data-testid="capacity-planned" />
        </Form.Item>
        <Form.Item
          name="configuredTpmc"
          label={t('capacity.configuredTpmc')}
          extra={t('capacity.configuredTpmcHint')}
        >
          <InputNumber style={{ width: '100%' }} data-testid="capacity-configured" />
        </Form.Item>
        <Form.Item name="cpuThresholdPercent" label={t('capacity.cpuThreshold')}>
          <InputNumber min={1} max={99} addonAfter="%" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={t('capacity.daytime')} style={{ marginBottom: 0 }}>
          <Form.Item name="daytimeStartHour" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
            <InputNumber min={0} max={23} addonAfter=":00" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="daytimeEndHour"
            style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}
          >
            <InputNumber min={1} max={24} addonAfter=":00" style={{ width: '100%' }} />
          </Form.Item>
        </Form.Item>
      </Form>
    </Modal>
  );
}
