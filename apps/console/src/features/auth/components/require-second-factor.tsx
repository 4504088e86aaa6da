import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { useSession } from '../api/auth-api';
import { mustEnrolSecondFactor } from '../second-factor';

// Loaded on first open: the enrolment and its QR code library are not part of every signed-in page.
const TotpEnrolModal = lazy(async () => ({ default: (await import('./totp-enrol-modal')).TotpEnrolModal }));

/**
 * Renders its children unless the user must enrol a second factor first: the server allows them nothing else
 * until then, so they see only the enrolment instead of a 403 on every page.
 */
export function RequireSecondFactor({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const [isEnrolling, setEnrolling] = useState(false);
  // Mounted from the first open on, so the modal keeps its state and closing animation as before.
  const [hasOpened, setOpened] = useState(false);
  if (!mustEnrolSecondFactor(session.data)) return children;

  return (
    <div data-testid="totp-required">
      <Result
        icon={<SafetyCertificateOutlined />}
        title={t('totp.requiredTitle')}
        subTitle={t('totp.requiredHint')}
        extra={
          <Button
            type="primary"
            onClick={() => {
              setEnrolling(true);
              setOpened(true);
            }}
            data-testid="totp-required-start"
          >
            {t('totp.requiredStart')}
          </Button>
        }
      />
      {hasOpened && (
        <Suspense fallback={null}>
          <TotpEnrolModal open={isEnrolling} onClose={() => setEnrolling(false)} />
        </Suspense>
      )}
    </div>
  );
}
