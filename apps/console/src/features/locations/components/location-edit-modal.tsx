import type { Location, LocationInput } from '@ganzhi/contracts';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useI18n } from '../../../lib/i18n';
import { dimensionOptions, useDimensions } from '../../dimensions';
import { useSaveLocation } from '../api/location-api';
import { describeError } from '../../../lib/server-text';

interface LocationFormValues {
  readonly name: string;
  readonly regionCode?: string;
  readonly site?: string;
}

function inputOf(values: LocationFormValues): LocationInput {
  const site = values.site?.trim() ?? '';
  return { name: values.name.trim(), regionCode: values.regionCode ?? null, site: site === '' ? null : site };
}

/** Names a location and maps it to a city (its results count for that region) and optionally a channel site. */
export function LocationEditModal({ location, onClose }: { location: Location | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const dimensions = useDimensions();
  const save = useSaveLocation();
  const [form] = Form.useForm<LocationFormValues>();
  const regionOptions = dimensionOptions(dimensions.data, 'region', locale).map((option) => ({
    value: option.value,
    // Indented by depth, so cities read as part of their province.
    label: `${'\u3000'.repeat(option.depth)}${option.label}`,
    title: option.value,
  }));

  const close = () => {
    // A failed save's message belongs to that attempt, not to the next location edited.
    save.reset();
    onClose();
  };

  const onFinish = (values: LocationFormValues) => {
    if (!location) return;
    save.mutate(
      { code: location.code, input: inputOf(values) },
      {
        onSuccess: () => {
          void message.success(t('locations.saved'));
          close();
        },
      },
    );
  };

  return (
    <Modal
      open={location !== null}
      title={location ? t('locations.editTitle', { code: location.code }) : ''}
      onCancel={close}
      destroyOnHidden
      footer={
        <>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="location-save"
          >
            {t('form.submitSave')}
          </Button>
        </>
      }
    >
      {save.error && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          message={t('locations.saveFailed', { message: describeError(save.error, t) })}
        />
      )}
      {location && (
        <Form<LocationFormValues>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          data-testid="location-form"
          initialValues={{
            name: location.name,
            regionCode: location.regionCode ?? undefined,
            site: location.site ?? undefined,
          }}
        >
          <Form.Item
            name="name"
            label={t('locations.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={100} data-testid="location-name" />
          </Form.Item>
          <Form.Item name="regionCode" label={t('locations.region')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              options={regionOptions}
              placeholder={t('form.selectPlaceholder')}
              data-testid="location-region"
            />
          </Form.Item>
          <Form.Item name="site" label={t('locations.site')}>
            <Input maxLength={200} placeholder={t('locations.sitePlaceholder')} data-testid="location-site" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
