import { SettingOutlined } from '@ant-design/icons';
import { Layout, Menu, Space, Typography, type MenuProps } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { RequireSecondFactor, usePermissions } from '../features/auth';
import { useI18n } from '../lib/i18n';
import { UserMenu } from './user-menu';
import { ADMIN_MENU, MAIN_MENU, menuKeyOf, visibleEntries, type MenuEntry } from './menu-items';

const ADMIN_GROUP_KEY = 'admin';

/** The signed-in frame: side menu of the pages the user can read, header with language and account, then the page. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { can } = usePermissions();

  const itemOf = (entry: MenuEntry) => ({
    key: entry.path,
    icon: <entry.icon />,
    label: <span data-testid={`nav-${entry.path.slice(1).replaceAll('/', '-')}`}>{t(entry.label)}</span>,
  });
  const adminEntries = visibleEntries(ADMIN_MENU, can);
  const items: MenuProps['items'] = [
    ...visibleEntries(MAIN_MENU, can).map(itemOf),
    ...(adminEntries.length > 0
      ? [
          {
            key: ADMIN_GROUP_KEY,
            icon: <SettingOutlined />,
            label: <span data-testid="nav-admin">{t('nav.admin')}</span>,
            children: adminEntries.map(itemOf),
          },
        ]
      : []),
  ];
  const selected = menuKeyOf(pathname);

  return (
    <Layout className="app-layout">
      <Layout.Sider className="app-sider" width={200} breakpoint="lg" collapsedWidth={0}>
        <div className="app-logo">{t('app.shortName')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selected]}
          // The Administration group starts open on its own pages, so the current one shows as selected.
          defaultOpenKeys={selected.startsWith('/admin/') ? [ADMIN_GROUP_KEY] : []}
          items={items}
          onClick={({ key }) => void navigate(key)}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-product" data-testid="product-name">
            {t('app.name')}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            <UserMenu />
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <RequireSecondFactor>{children}</RequireSecondFactor>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
