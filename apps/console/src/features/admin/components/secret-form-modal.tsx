import type { StoredSecret } from '@ganzhi/contracts';
import { Alert, App, Form, Input, Modal } from 'antd';
import { isApiError } from '../../../lib/api-error';
import { placeFieldIssues } from '../../../lib/field-errors';
import { useI18n } from '../../../lib/i18n';
import { usePutSecret } from '../api/secret-api';
import { SECRET_NAME_PATTERN, normalizeSecretNameInput } from '../secret-form';
import { describeError } from '../../../lib/server-text';

interface SecretValues {
  readonly name: string;
  readonly value: string;
  readonly description: string;
}

const FIELDS = ['name', 'value', 'description'] as const;

/**
 * Adds a secret (`editing` null) or replaces one's value and description; closed while `editing` is undefined.
 * The value is write-only: the form never has the old one to show.
 */
export function SecretFormModal({
  editing,
  onClose,
}: {
  editing: StoredSecret | null | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<SecretValues>();
  const put = usePutSecret();
  const isReplacing = editing != null;

  const onSubmit = async () => {
    const values = await form.validateFields();
    put.mutate(
      { name: values.name, input: { value: values.value, description: values.description.trim() } },
      {
        onSuccess: () => {
          void message.success(t('secrets.saved', { name: values.name }));
          onClose();
        },
        onError: (error) => {
          if (!isApiError(error)) return;
          form.setFields(placeFieldIssues(error.details, { fields: FIELDS, t }).placed);
        },
      },
    );
  };

  const isPlacedOnField = isApiError(put.error) && put.error.details.length > 0;
  const failure = isPlacedOnField ? null : put.error;

  return (
    <Modal
      open={editing !== undefined}
      title={isReplacing ? t('secrets.replaceTitle', { name: editing.name }) : t('secrets.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void onSubmit()}
      onCancel={onClose}
      confirmLoading={put.isPending}
      okButtonProps={{ 'data-testid': 'secret-save' }}
      afterClose={() => {
        form.resetFields();
        put.reset();
      }}
      maskClosable={false}
      destroyOnHidden
    >
      {failure && (
        <Alert
          type="error"
          showIcon
          message={t('secrets.saveFailed', { message: describeError(failure, t) })}
          className="form-alert"
        />
      )}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ name: editing?.name ?? '', value: '', description: editing?.description ?? '' }}
        data-testid="secret-form"
      >
        <Form.Item
          name="name"
          label={t('secrets.name')}
          extra={isReplacing ? undefined : t('secrets.nameHint')}
          normalize={normalizeSecretNameInput}
          rules={[
            { required: true, message: t('secrets.nameRequired') },
            { pattern: SECRET_NAME_PATTERN, message: t('secrets.nameInvalid') },
          ]}
        >
          <Input
            disabled={isReplacing}
            autoFocus={!isReplacing}
            autoComplete="off"
            placeholder="CRM_PASSWORD"
            data-testid="secret-name"
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('secrets.value')}
          extra={t('secrets.valueHint')}
          rules={[{ required: true, message: t('secrets.valueRequired') }]}
        >
          {/* new-password keeps the browser from filling in the console password it saved. */}
          <Input.Password autoFocus={isReplacing} autoComplete="new-password" data-testid="secret-value" />
        </Form.Item>
        <Form.Item name="description" label={t('secrets.description')} rules={[{ max: 200 }]}>
          <Input
            placeholder={t('secrets.descriptionPlaceholder')}
            maxLength={200}
            data-testid="secret-description"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
