/** What the audit log is narrowed to; every field optional. Times are ISO 8601 with offset. */
export interface AuditFilter {
  readonly actor?: string;
  readonly resource?: string;
  readonly outcome?: 'ok' | 'denied' | 'failed';
  readonly from?: string;
  readonly to?: string;
}

/**
 * The `/audit-events` query of a filter and a page: blank fields are left out, so an empty filter lists everything.
 * @example auditQueryParams({ outcome: 'denied' }, { limit: 50 }).toString() // "outcome=denied&limit=50"
 */
export function auditQueryParams(
  filter: AuditFilter,
  page: { limit: number; cursor?: string | undefined },
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['actor', 'resource', 'outcome', 'from', 'to'] as const) {
    const value = filter[key]?.trim();
    if (value) params.set(key, value);
  }
  params.set('limit', String(page.limit));
  if (page.cursor) params.set('cursor', page.cursor);
  return params;
}

/** A change's value as one line of text: strings as they are, the rest as JSON, nothing as a dash. */
export function formatAuditValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
