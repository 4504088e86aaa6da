import { describe, expect, it } from 'vitest';
import { permissionsOf } from './permissions';

describe('permissionsOf', () => {
  it('allows exactly the permissions the session user holds', () => {
    const { can } = permissionsOf({ id: 'u1', username: 'ops', permissions: ['checks:read', 'checks:run'] });
    expect(can('checks:read')).toBe(true);
    expect(can('checks:run')).toBe(true);
    expect(can('checks:write')).toBe(false);
    expect(can('users:read')).toBe(false);
  });

  it('allows nothing without a session or without a permission list', () => {
    expect(permissionsOf(undefined).can('checks:read')).toBe(false);
    expect(permissionsOf({ id: 'u1', username: 'old' }).can('checks:read')).toBe(false);
  });

  it('is province-wide only for a user bound to no region', () => {
    expect(permissionsOf({ id: 'u1', username: 'a', regions: [] }).isProvinceWide).toBe(true);
    const scoped = permissionsOf({ id: 'u2', username: 'b', regions: ['changsha'] });
    expect(scoped.isProvinceWide).toBe(false);
    expect(scoped.regions).toEqual(['changsha']);
    expect(permissionsOf(undefined).isProvinceWide).toBe(false);
  });
});
