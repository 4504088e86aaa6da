import { PERMISSIONS } from '@ganzhi/contracts';
import { describe, expect, it } from 'vitest';
import { groupPermissions, orderedPermissions, resourceOf, verbOf } from './permission-groups';

describe('groupPermissions', () => {
  it('groups every permission under its resource, each once, in the server’s order', () => {
    const groups = groupPermissions();
    expect(groups[0]).toEqual({
      resource: 'checks',
      permissions: ['checks:read', 'checks:write', 'checks:run'],
    });
    expect(groups.flatMap((group) => group.permissions)).toEqual([...PERMISSIONS]);
    expect(new Set(groups.map((group) => group.resource)).size).toBe(groups.length);
  });

  it('offers only the permissions given, so a token cannot ask for more than its creator holds', () => {
    expect(groupPermissions(['users:read', 'checks:read'])).toEqual([
      { resource: 'checks', permissions: ['checks:read'] },
      { resource: 'users', permissions: ['users:read'] },
    ]);
  });
});

describe('permission names', () => {
  it('splits a permission into resource and verb', () => {
    expect(resourceOf('capacity:write')).toBe('capacity');
    expect(verbOf('capacity:write')).toBe('write');
  });

  it('orders a selection as the server lists permissions', () => {
    expect(orderedPermissions(['users:read', 'checks:run', 'checks:read'])).toEqual([
      'checks:read',
      'checks:run',
      'users:read',
    ]);
  });
});
