import { describe, expect, it } from 'vitest';
import { requiredPermission } from './route-handle';

describe('requiredPermission', () => {
  it('takes the permission of the deepest route that declares one', () => {
    const matches = [{ handle: undefined }, { handle: { permission: 'checks:read' } }];
    expect(requiredPermission(matches)).toBe('checks:read');
  });

  it('asks for nothing on routes without a permission, such as the home redirect and the 404 page', () => {
    expect(requiredPermission([{ handle: undefined }, { handle: undefined }])).toBeNull();
  });

  it('ignores a handle whose permission is not one the server knows', () => {
    expect(requiredPermission([{ handle: { permission: 'checks:destroy' } }])).toBeNull();
  });
});
