import {
  ApartmentOutlined,
  CloudServerOutlined,
  DatabaseOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  MonitorOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  TransactionOutlined,
} from '@ant-design/icons';
import { Button, Layout, Menu, Space, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch';
import { useLogout, useSession } from '../features/auth';
import { useI18n } from '../lib/i18n';

const MENU_PATHS = [
  '/quality',
  '/rankings',
  '/transactions',
  '/indicators',
  '/capacity',
  '/checks',
  '/agents',
  '/locations',
  '/dimensions',
] as const;

/** The menu entry of a path: `/checks/abc/edit` belongs to `/checks`. */
function menuKeyOf(pathname: string): string {
  return MENU_PATHS.find((path) => pathname === path || pathname.startsWith(`${path}/`)) ?? '';
}

/** The signed-in frame: side menu, header with product name, language switch and logout, then the page. */
export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const session = useSession();
  const logout = useLogout();

  const onLogout = () =>
    logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) });

  return (
    <Layout className="app-layout">
      <Layout.Sider className="app-sider" width={200} breakpoint="lg" collapsedWidth={0}>
        <div className="app-logo">{t('app.shortName')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[menuKeyOf(pathname)]}
          items={[
            { key: '/quality', icon: <DashboardOutlined />, label: t('nav.quality') },
            { key: '/rankings', icon: <OrderedListOutlined />, label: t('nav.rankings') },
            { key: '/transactions', icon: <TransactionOutlined />, label: t('nav.transactions') },
            { key: '/indicators', icon: <PartitionOutlined />, label: t('nav.indicators') },
            { key: '/capacity', icon: <DatabaseOutlined />, label: t('nav.capacity') },
            { key: '/checks', icon: <MonitorOutlined />, label: t('nav.checks') },
            { key: '/agents', icon: <CloudServerOutlined />, label: t('nav.agents') },
            { key: '/locations', icon: <EnvironmentOutlined />, label: t('nav.locations') },
            { key: '/dimensions', icon: <ApartmentOutlined />, label: t('nav.dimensions') },
          ]}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text strong className="app-product" data-testid="product-name">
            {t('app.name')}
          </Typography.Text>
          <Space size="middle">
            <LanguageSwitch />
            {session.data && <Typography.Text type="secondary">{session.data.username}</Typography.Text>}
            <Button size="small" onClick={onLogout} loading={logout.isPending} data-testid="logout-button">
              {t('header.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
