import { auditEventSchema, listOf, type AuditEvent } from '@ganzhi/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { callApi, type ResponseParser } from '../../../lib/api-client';
import { auditQueryParams, type AuditFilter } from '../audit-filter';

/** One page of the audit log and the cursor of the next (older) one. */
export interface AuditPage {
  readonly items: AuditEvent[];
  readonly next: string | null;
}

const eventListSchema = listOf(auditEventSchema);

/** The events as the contract describes them, and `next` beside them (a string, or null on the last page). */
const auditPageParser: ResponseParser<AuditPage> = {
  parse(data: unknown): AuditPage {
    const { items } = eventListSchema.parse(data);
    const next: unknown = typeof data === 'object' && data !== null ? Reflect.get(data, 'next') : null;
    return { items, next: typeof next === 'string' ? next : null };
  },
};

/** Events per page: enough to fill a screen twice, small enough to answer at once. */
export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, one page at a time ("load more" fetches the older ones). */
export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit-events', filter],
    queryFn: ({ pageParam }): Promise<AuditPage> => {
      const params = auditQueryParams(filter, { limit: AUDIT_PAGE_SIZE, before: pageParam });
      return callApi(`/audit-events?${params.toString()}`, { parser: auditPageParser });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}
