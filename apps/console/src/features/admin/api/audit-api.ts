import { auditPageSchema, type AuditPage } from '@ganzhi/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { callApi } from '../../../lib/api-client';
import { auditQueryParams, type AuditFilter } from '../audit-filter';

/** Events per page: enough to fill a screen twice, small enough to answer at once. */
export const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, one page at a time ("load more" continues after the last event shown). */
export function useAuditEvents(filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit-events', filter],
    queryFn: ({ pageParam }): Promise<AuditPage> => {
      const params = auditQueryParams(filter, { limit: AUDIT_PAGE_SIZE, cursor: pageParam });
      return callApi(`/audit-events?${params.toString()}`, { parser: auditPageSchema });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
