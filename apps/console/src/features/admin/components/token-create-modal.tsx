import type { CreatedToken, Permission, SessionUser } from '@ganzhi/contracts';
import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { isApiError } from '../../../lib/api-error';
import { errorWithoutFieldDetails, placeFieldIssues } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { useCreateToken } from '../api/token-api';
import { PermissionPicker } from './permission-picker';
import { RegionScopeSelect } from './region-scope-select';
import { describeError } from '../../../lib/server-text';

interface TokenFormValues {
  readonly name: string;
  readonly scopes: Permission[];
  readonly regions: string[];
  readonly expiresAt: Dayjs | null;
}

export interface TokenCreateModalProps {
  readonly open: boolean;
  /** The creator: a token's scopes and regions can be no wider than theirs. */
  readonly user: SessionUser | undefined;
  readonly onClose: () => void;
  readonly onCreated: (token: CreatedToken) => void;
}

/** Asks for a token's name, scopes (none chosen at first), region scope and optional expiry. */
export function TokenCreateModal({ open, user, onClose, onCreated }: TokenCreateModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<TokenFormValues>();
  const create = useCreateToken();

  const onSubmit = async () => {
    const values = await form.validateFields();
    create.mutate(
      {
        name: values.name.trim(),
        scopes: values.scopes,
        ...(values.regions.length > 0 ? { regions: values.regions } : {}),
        // The end of the chosen day, in the user's time zone: "valid until 31 Dec" includes 31 Dec.
        ...(values.expiresAt ? { expiresAt: values.expiresAt.endOf('day').toISOString() } : {}),
      },
      {
        onSuccess: (token) => {
          onCreated(token);
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          const { placed } = placeFieldIssues(error.details, {
            fields: ['name', 'scopes', 'regions', 'expiresAt'],
            t,
          });
          form.setFields(placed);
        },
      },
    );
  };

  const generalError = errorWithoutFieldDetails(create.error);

  return (
    <Modal
      open={open}
      width={720}
      title={t('tokens.new')}
      okText={t('tokens.create')}
      cancelText={t('common.cancel')}
      onOk={() => void onSubmit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'token-submit' }}
      afterClose={() => {
        form.resetFields();
        create.reset();
      }}
      destroyOnHidden
    >
      {generalError && (
        <Alert
          type="error"
          showIcon
          message={t('tokens.createFailed', { message: describeError(generalError, t) })}
          className="form-alert"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: '', scopes: [], regions: [], expiresAt: null }}
        data-testid="token-form"
      >
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, message: t('tokens.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('tokens.namePlaceholder')} data-testid="token-name" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.scopes')}
          extra={t('tokens.scopesHint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('tokens.scopesRequired') }]}
        >
          <PermissionPicker within={user?.permissions ?? []} testId="token-scopes" />
        </Form.Item>
        <Form.Item name="regions" label={t('tokens.regions')} extra={t('tokens.regionsHint')}>
          <RegionScopeSelect testId="token-regions" />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.expiresAtHint')}>
          <DatePicker
            disabledDate={(day) => day.isBefore(dayjs(), 'day')}
            style={{ width: 240 }}
            data-testid="token-expires"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
