import { locationCodeSchema, type CreatedEnrolmentToken } from '@ganzhi/contracts';
import { Alert, AutoComplete, Button, Form, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n, type Translate } from '../../../lib/i18n';
import { formatDateTime } from '../../../lib/relative-time';
import { citiesOf, useDimensions } from '../../dimensions';
import { useLocations } from '../../locations';
import { useCreateEnrolmentToken } from '../api/agent-api';
import { enrolmentCommandOf } from '../enrolment-command';
import { locationSuggestionsOf } from '../location-suggestions';
import { describeError } from '../../../lib/server-text';

/** Token lifetimes to choose from, in hours; the server accepts 1 h to 30 days. */
const EXPIRY_HOURS = [1, 24, 72, 168, 720] as const;
const DEFAULT_EXPIRY_HOURS = 24;

/** A token just issued and the location it was issued for. */
interface IssuedToken {
  readonly created: CreatedEnrolmentToken;
  readonly location: string;
}

interface EnrolmentFormValues {
  readonly location: string;
  readonly expiresInHours: number;
}

function expiryLabel(hours: number, t: Translate): string {
  return hours < 24 ? t('enrol.hours', { count: hours }) : t('enrol.days', { count: hours / 24 });
}

function EnrolmentForm({ onIssued }: { onIssued: (issued: IssuedToken) => void }) {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<EnrolmentFormValues>();
  const locations = useLocations();
  const dimensions = useDimensions();
  const create = useCreateEnrolmentToken();
  const suggestions = useMemo(
    () => locationSuggestionsOf(locations.data ?? [], citiesOf(dimensions.data, locale)),
    [locations.data, dimensions.data, locale],
  );
  const onFinish = (values: EnrolmentFormValues) => {
    const location = values.location.trim();
    create.mutate(
      { location, expiresInHours: values.expiresInHours },
      { onSuccess: (created) => onIssued({ created, location }) },
    );
  };

  return (
    <Form<EnrolmentFormValues>
      form={form}
      layout="vertical"
      initialValues={{ expiresInHours: DEFAULT_EXPIRY_HOURS }}
      onFinish={onFinish}
      data-testid="enrol-form"
    >
      {create.error && (
        <Alert
          type="error"
          showIcon
          className="form-alert"
          message={t('enrol.failed', { message: describeError(create.error, t) })}
        />
      )}
      <Form.Item
        name="location"
        label={t('enrol.location')}
        extra={t('enrol.locationHelp')}
        rules={[
          { required: true, whitespace: true, message: t('enrol.locationRequired') },
          {
            validator: (_, value: string | undefined) =>
              !value || locationCodeSchema.safeParse(value.trim()).success
                ? Promise.resolve()
                : Promise.reject(new Error(t('enrol.locationPattern'))),
          },
        ]}
      >
        <AutoComplete
          options={suggestions}
          data-testid="enrol-location"
          filterOption={(input, option) => (option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
        />
      </Form.Item>
      <Form.Item name="expiresInHours" label={t('enrol.expiry')}>
        <Select
          data-testid="enrol-expiry"
          options={EXPIRY_HOURS.map((hours) => ({ value: hours, label: expiryLabel(hours, t) }))}
        />
      </Form.Item>
      <div className="form-actions">
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="enrol-submit">
          {t('enrol.submit')}
        </Button>
      </div>
    </Form>
  );
}

/** The one moment the token can be read: the token and the ready-to-paste command, both copyable. */
function EnrolmentResult({ created, location }: IssuedToken) {
  const { t } = useI18n();
  const command = enrolmentCommandOf({
    serverOrigin: window.location.origin,
    token: created.token,
    location,
  });
  return (
    <div data-testid="enrol-result">
      <Alert type="warning" showIcon className="form-alert" message={t('enrol.onceWarning')} />
      <Typography.Text strong>{t('enrol.command')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: command }} className="command-line" data-testid="enrol-command">
        <code>{command}</code>
      </Typography.Paragraph>
      <Typography.Text strong>{t('enrol.token')}</Typography.Text>
      <Typography.Paragraph copyable className="command-line" data-testid="enrol-token">
        <code>{created.token}</code>
      </Typography.Paragraph>
      <Typography.Text type="secondary">
        {t('enrol.expiresAt', { time: formatDateTime(created.expiresAt) })}
      </Typography.Text>
    </div>
  );
}

/** "Add agent": pick a location and a lifetime, get a one-time token and the command that enrols the agent. */
export function AddAgentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [issued, setIssued] = useState<IssuedToken | null>(null);
  const close = () => {
    // Forget the token with the modal: it must not be shown again when the modal reopens.
    setIssued(null);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('enrol.title')}
      onCancel={close}
      destroyOnHidden
      width={720}
      footer={
        issued ? (
          <Button type="primary" onClick={close} data-testid="enrol-close">
            {t('enrol.close')}
          </Button>
        ) : null
      }
    >
      {issued ? <EnrolmentResult {...issued} /> : <EnrolmentForm onIssued={setIssued} />}
    </Modal>
  );
}
