import {
  EnvironmentOutlined,
  KeyOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ChangePasswordModal, TotpEnrolModal, useLogout, useSession } from '../features/auth';
import { regionScopeNames, useDimensions } from '../features/dimensions';
import { useI18n } from '../lib/i18n';

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
  const [isChangingPassword, setChangingPassword] = useState(false);
  const [isEnrolling, setEnrolling] = useState(false);
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
              onClick: () => setChangingPassword(true),
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
              onClick: () => setEnrolling(true),
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
      <ChangePasswordModal open={isChangingPassword} onClose={() => setChangingPassword(false)} />
      <TotpEnrolModal open={isEnrolling} onClose={() => setEnrolling(false)} />
    </>
  );
}
