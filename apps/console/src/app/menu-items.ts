import {
  ApartmentOutlined,
  AuditOutlined,
  CloudServerOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  EnvironmentOutlined,
  KeyOutlined,
  LockOutlined,
  MonitorOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  TransactionOutlined,
} from '@ant-design/icons';
import type { Permission } from '@ganzhi/contracts';
import type { ComponentType } from 'react';
import type { MessageKey } from '../lib/i18n';

/** One side-menu entry: the page's path, its label, and the permission needed to read it. */
export interface MenuEntry {
  readonly path: string;
  readonly label: MessageKey;
  readonly permission: Permission;
  readonly icon: ComponentType;
}

/** The pages of daily work, in menu order. The first, the customer-experience overview, is the home page. */
export const MAIN_MENU: readonly MenuEntry[] = [
  { path: '/quality', label: 'nav.quality', permission: 'scores:read', icon: DashboardOutlined },
  { path: '/rankings', label: 'nav.rankings', permission: 'scores:read', icon: OrderedListOutlined },
  {
    path: '/transactions',
    label: 'nav.transactions',
    permission: 'transactions:read',
    icon: TransactionOutlined,
  },
  { path: '/indicators', label: 'nav.indicators', permission: 'indicators:read', icon: PartitionOutlined },
  { path: '/capacity', label: 'nav.capacity', permission: 'capacity:read', icon: DatabaseOutlined },
  { path: '/checks', label: 'nav.checks', permission: 'checks:read', icon: MonitorOutlined },
  { path: '/agents', label: 'nav.agents', permission: 'agents:read', icon: CloudServerOutlined },
  { path: '/locations', label: 'nav.locations', permission: 'agents:read', icon: EnvironmentOutlined },
  { path: '/dimensions', label: 'nav.dimensions', permission: 'dimensions:read', icon: ApartmentOutlined },
];

/** The Administration group: who may sign in and do what, API tokens, probe secrets and the audit log. */
export const ADMIN_MENU: readonly MenuEntry[] = [
  { path: '/admin/users', label: 'nav.users', permission: 'users:read', icon: TeamOutlined },
  // Roles are listed to every signed-in user by the API; the page sits with the users it is granted to.
  { path: '/admin/roles', label: 'nav.roles', permission: 'users:read', icon: SafetyCertificateOutlined },
  { path: '/admin/tokens', label: 'nav.tokens', permission: 'tokens:manage', icon: KeyOutlined },
  { path: '/admin/secrets', label: 'nav.secrets', permission: 'secrets:use', icon: LockOutlined },
  { path: '/admin/audit', label: 'nav.audit', permission: 'audit:read', icon: AuditOutlined },
];

/** The entries the user can read; the server refuses the others anyway. */
export function visibleEntries(
  entries: readonly MenuEntry[],
  can: (permission: Permission) => boolean,
): MenuEntry[] {
  return entries.filter((entry) => can(entry.permission));
}

/** The menu entry of a path: `/checks/abc/edit` belongs to `/checks`; none (empty) for unknown paths. */
export function menuKeyOf(pathname: string): string {
  return (
    [...MAIN_MENU, ...ADMIN_MENU].find(
      (entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`),
    )?.path ?? ''
  );
}

/**
 * The home page: where sign-in, `/` and the 404 page lead. The overview for whoever may read scores (every built-in
 * role), else the first page of the menu the user can read; null when they can read none.
 */
export function homePathOf(can: (permission: Permission) => boolean): string | null {
  return visibleEntries([...MAIN_MENU, ...ADMIN_MENU], can)[0]?.path ?? null;
}
