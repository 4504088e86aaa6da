import {
  EnvironmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { useLogout, useSession } from '../features/auth';
import { regionScopeNames, useDimensions } from '../features/dimensions';
import { useI18n } from '../lib/i18n';

// Both dialogs load on first open, so the QR code library and the password form are not part of every signed-in
// page. They are imported by path: this module imports the auth index statically, so importing it would split nothing.
const ChangePasswordModal = lazy(async () => ({
  default: (await import('../features/auth/components/change-password-modal')).ChangePasswordModal,
}));
const TotpEnrolModal = lazy(async () => ({
  default: (await import('../features/auth/components/totp-enrol-modal')).TotpEnrolModal,
}));

/** A dialog's open state; it is mounted from its first open on, so it keeps its state and closing animation. */
function useDialog() {
  const [isOpen, setOpen] = useState(false);
  const [hasOpened, setOpened] = useState(false);
  return {
    isOpen,
    open: () => {
      setOpen(true);
      setOpened(true);
    },
    close: () => setOpen(false),
    /** The dialog, once it has been opened. */
    mount: (dialog: ReactNode) => (hasOpened ? <Suspense fallback={null}>{dialog}</Suspense> : null),
  };
}

/**
 * The header's account area: region scope, who is signed in with their roles, change password, two-step
 * verification and log out.
 */
export function UserMenu() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const session = useSession();
  const dimensions = useDimensions();
  const logout = useLogout();
  const passwordDialog = useDialog();
  const totpDialog = useDialog();
  const user = session.data;
  if (!user) return null;

  const regionNames = regionScopeNames(dimensions.data, user.regions ?? [], locale);
  const scope = regionNames.length > 0 ? regionNames.join('、') : t('access.wholeProvince');
  const roles = user.roles ?? [];
  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  return (
    <>
      <Tooltip title={t('access.regionScope')}>
        <Tag icon={<EnvironmentOutlined />} color="blue" className="user-scope" data-testid="user-scope">
          {scope}
        </Tag>
      </Tooltip>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: (
                <Space direction="vertical" size={2} className="user-menu-who">
                  <Typography.Text strong>{user.displayName || user.username}</Typography.Text>
                  <Typography.Text type="secondary">{user.username}</Typography.Text>
                  <span>
                    {roles.map((role) => (
                      <Tag key={role}>{role}</Tag>
                    ))}
                  </span>
                </Space>
              ),
            },
            { type: 'divider' },
            {
              key: 'password',
              icon: <KeyOutlined />,
              label: <span data-testid="change-password-item">{t('password.changeTitle')}</span>,
              onClick: passwordDialog.open,
            },
            {
              key: 'totp',
              icon: <SafetyCertificateOutlined />,
              label: (
                <span data-testid="totp-item">
                  {t('totp.title')}{' '}
                  <Tag color={user.totpEnabled ? 'success' : 'default'} className="user-menu-totp">
                    {user.totpEnabled ? t('totp.on') : t('totp.off')}
                  </Tag>
                </span>
              ),
              onClick: totpDialog.open,
            },
            {
              key: 'logout',
              icon: <LogoutOutlined />,
              label: <span data-testid="logout-button">{t('header.logout')}</span>,
              onClick: onLogout,
            },
          ],
        }}
      >
        <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
          <span data-testid="user-name">{user.displayName || user.username}</span>
          {roles.length > 0 && (
            <Typography.Text type="secondary" className="user-roles">
              {roles.join(', ')}
            </Typography.Text>
          )}
        </Button>
      </Dropdown>
      {passwordDialog.mount(
        <ChangePasswordModal open={passwordDialog.isOpen} onClose={passwordDialog.close} />,
      )}
      {totpDialog.mount(<TotpEnrolModal open={totpDialog.isOpen} onClose={totpDialog.close} />)}
    </>
  );
}
