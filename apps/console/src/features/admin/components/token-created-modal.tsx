import type { CreatedToken } from '@ganzhi/contracts';
import { Alert, Button, Modal, Typography } from 'antd';
import { useI18n } from '../../../lib/i18n';

/** The new token's text, shown this once with a copy button: only its hash is stored. */
export function TokenCreatedModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={token !== null}
      title={t('tokens.createdTitle', { name: token?.name ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-created-close">
          {t('tokens.createdDone')}
        </Button>
      }
    >
      <Alert type="warning" showIcon message={t('tokens.shownOnce')} className="form-alert" />
      <Typography.Paragraph
        className="token-text"
        copyable={{ text: token?.token ?? '', tooltips: [t('tokens.copy'), t('tokens.copied')] }}
        data-testid="token-text"
      >
        <code>{token?.token}</code>
      </Typography.Paragraph>
      <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
    </Modal>
  );
}
