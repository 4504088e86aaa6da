import { describe, expect, it } from 'vitest';
import { auditQueryParams, formatAuditValue } from './audit-filter';

describe('auditQueryParams', () => {
  it('leaves blank fields out and adds the page', () => {
    const params = auditQueryParams({ actor: '  ', outcome: 'denied', resource: 'users' }, { limit: 50 });
    expect(params.toString()).toBe('resource=users&outcome=denied&limit=50');
  });

  it('asks for the page after the cursor', () => {
    const params = auditQueryParams({}, { limit: 50, cursor: 'eyJzIjoiYXQ6ZGVzYyJ9' });
    expect(params.get('cursor')).toBe('eyJzIjoiYXQ6ZGVzYyJ9');
  });
});

describe('formatAuditValue', () => {
  it('shows strings as they are, other values as JSON, and nothing as a dash', () => {
    expect(formatAuditValue('changsha')).toBe('changsha');
    expect(formatAuditValue(['operator'])).toBe('["operator"]');
    expect(formatAuditValue(false)).toBe('false');
    expect(formatAuditValue(null)).toBe('—');
    expect(formatAuditValue(undefined)).toBe('—');
  });
});
