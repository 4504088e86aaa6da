import { describe, expect, it } from 'vitest';
import { MASKED, diffForAudit } from './audit-changes.js';

describe('diffForAudit', () => {
  it('lists changed fields by dotted path with both sides', () => {
    expect(diffForAudit({ roles: ['viewer'], name: 'a' }, { roles: ['operator'], name: 'a' })).toEqual({
      'roles.0': ['viewer', 'operator'],
    });
  });

  it('masks values under secret-like names at any depth, on both sides, but not flags', () => {
    const changes = diffForAudit(
      { steps: [{ headers: { authorization: 'Bearer old' } }], password: 'x' },
      { steps: [{ headers: { authorization: 'Bearer new' } }], password: 'y', totpEnabled: true },
    );
    const unchanged = diffForAudit({ token: 'same', name: 'a' }, { token: 'same', name: 'b' });
    expect(unchanged).toEqual({ name: ['a', 'b'] });
    expect(changes).toEqual({
      'steps.0.headers.authorization': [MASKED, MASKED],
      password: [MASKED, MASKED],
      totpEnabled: [null, true],
    });
    expect(JSON.stringify(changes)).not.toContain('Bearer');
  });

  it('says nothing changed when nothing did, and records creations and deletions', () => {
    expect(diffForAudit({ a: 1 }, { a: 1 })).toBeNull();
    expect(diffForAudit(null, { a: 1 })).toEqual({ a: [null, 1] });
    expect(diffForAudit({ a: 1 }, undefined)).toEqual({ a: [1, null] });
  });
});
