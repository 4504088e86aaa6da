import { BUILTIN_ROLES, type Permission } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { ADMIN_MENU, MAIN_MENU, homePathOf, menuKeyOf, visibleEntries } from './menu-items';

const canOfRole = (role: string) => {
  const held = new Set<Permission>(BUILTIN_ROLES[role]?.permissions ?? []);
  return (permission: Permission) => held.has(permission);
};
const pathsFor = (role: string) => ({
  main: visibleEntries(MAIN_MENU, canOfRole(role)).map((entry) => entry.path),
  admin: visibleEntries(ADMIN_MENU, canOfRole(role)).map((entry) => entry.path),
});

describe('menu filtering', () => {
  it('shows an admin every page, with users, roles, tokens, secrets and the audit log under Administration', () => {
    const { main, admin } = pathsFor('admin');
    expect(main).toEqual(MAIN_MENU.map((entry) => entry.path));
    expect(admin).toEqual([
      '/admin/users',
      '/admin/roles',
      '/admin/tokens',
      '/admin/secrets',
      '/admin/audit',
    ]);
  });

  it('shows an operator the daily pages, their tokens and the secrets, but not users, roles or the audit log', () => {
    const { main, admin } = pathsFor('operator');
    expect(main).toEqual(MAIN_MENU.map((entry) => entry.path));
    expect(admin).toEqual(['/admin/tokens', '/admin/secrets']);
  });

  it('hides every administration entry from a viewer', () => {
    expect(pathsFor('viewer').admin).toEqual([]);
  });

  it('hides the checks entry from a user who cannot read checks', () => {
    const can = (permission: Permission) => permission === 'scores:read';
    expect(visibleEntries(MAIN_MENU, can).map((entry) => entry.path)).toEqual(['/quality', '/rankings']);
  });
});

describe('homePathOf', () => {
  it('leads to the first readable page, or nowhere when there is none', () => {
    expect(homePathOf(canOfRole('viewer'))).toBe('/quality');
    expect(homePathOf((permission) => permission === 'audit:read')).toBe('/admin/audit');
    expect(homePathOf(() => false)).toBeNull();
  });

  it('leads every built-in role to the customer-experience overview', () => {
    for (const role of Object.keys(BUILTIN_ROLES))
      expect([role, homePathOf(canOfRole(role))]).toEqual([role, '/quality']);
  });
});

describe('menuKeyOf', () => {
  it('selects the entry a deep path belongs to', () => {
    expect(menuKeyOf('/checks/abc/edit')).toBe('/checks');
    expect(menuKeyOf('/admin/users')).toBe('/admin/users');
    expect(menuKeyOf('/checksum')).toBe('');
  });
});
