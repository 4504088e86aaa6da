import type { Kysely } from 'kysely';
import type { Check, CheckListItem, CheckListQuery, CheckSummary, Page, Region } from '@ganzhi/contracts';
import { ValidationError, type Clock } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { regionGrantOf, type RequestContext } from '../auth/index.js';
import { regionScopeOf, type DimensionService } from '../dimensions/index.js';
import {
  countChecks,
  listCheckPage,
  readRows,
  type CheckListFilter,
  type CheckListRow,
} from './check-list-repository.js';
import { readRunCounts, runWindowStart, type RunCounts } from './latest-run-repository.js';

export interface CheckListingDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly dimensions: DimensionService;
}

/** A check as the list shows it: its status from the latest run kept with it, its 24-hour counts. */
export function toSummary(row: CheckListRow, counts: RunCounts | undefined): CheckSummary {
  const { check, latest } = row;
  const status = !check.enabled ? 'paused' : !latest ? 'pending' : latest.ok ? 'up' : 'down';
  return {
    ...check,
    status,
    lastRun: latest
      ? {
          id: latest.runId,
          startedAt: new Date(latest.startedAtMs).toISOString(),
          ok: latest.ok,
          durationMs: latest.durationMs,
          errorClass: latest.errorClass,
        }
      : null,
    successRatio24h: counts && counts.runs > 0 ? counts.okRuns / counts.runs : null,
    runs24h: counts?.runs ?? 0,
  };
}

/**
 * The region codes a list may show: the caller's scope, narrowed to the asked region and everything below it.
 * Undefined = no restriction (a province-wide caller asking for no region, or for the province itself).
 */
export function allowedRegions(
  regions: readonly Region[],
  request: { grant: readonly string[] | null; asked: string | undefined },
): ReadonlySet<string> | undefined {
  const scope = regionScopeOf(regions, request.grant);
  if (request.asked === undefined) return scope.isAll ? undefined : scope.codes;
  const asked = request.asked;
  if (!regions.some((region) => region.code === asked))
    throw new ValidationError('unknown region', [{ path: 'region', message: `no region ${asked}` }]);
  const subtree = regionScopeOf(regions, [asked]);
  if (subtree.isAll) return scope.isAll ? undefined : scope.codes;
  if (scope.isAll) return subtree.codes;
  return new Set([...subtree.codes].filter((code) => scope.includes(code)));
}

/** Reading checks with their status: pages for the list, one for the detail page, all of them for scoring. */
export function createCheckListing(deps: CheckListingDeps) {
  const windowStart = () => runWindowStart(deps.clock.now());

  /** Adds the 24-hour counts; `everyCheck` reads them for all checks at once instead of by id. */
  async function summarise(rows: readonly CheckListRow[], everyCheck = false) {
    const counts = await readRunCounts(deps.db, {
      checkIds: everyCheck ? 'all' : rows.map((row) => row.check.id),
      sinceMs: windowStart(),
    });
    return rows.map((row) => toSummary(row, counts.get(row.check.id)));
  }

  return {
    /**
     * A page of the checks in the caller's regions that match the query, with the total they make. Reads the latest
     * run and hour counts kept with each check, never the runs themselves.
     */
    async listCheckPage({
      ctx,
      query,
    }: {
      ctx: RequestContext;
      query: CheckListQuery;
    }): Promise<Page<CheckListItem>> {
      const { regions } = await deps.dimensions.listDimensions();
      const filter: CheckListFilter = {
        channel: query.channel,
        business: query.business,
        tag: query.tag,
        location: query.location,
        foldedText: query.text?.toLowerCase(),
        statuses: query.status,
        regions: allowedRegions(regions, { grant: regionGrantOf(ctx.actor), asked: query.region }),
      };
      const [page, total] = await Promise.all([
        listCheckPage(deps.db, {
          filter,
          sort: query.sort,
          limit: query.limit,
          cursor: query.cursor,
          offset: query.offset,
          windowStartMs: windowStart(),
        }),
        countChecks(deps.db, filter),
      ]);
      const summaries = await summarise(page.rows);
      const items =
        query.include === 'flow'
          ? summaries
          : summaries.map(({ steps: _steps, variables: _variables, ...item }) => item);
      return { items, total, nextCursor: page.nextCursor };
    },

    /** The summary of one check the caller may already read. */
    async summariseCheck(check: Check): Promise<CheckSummary> {
      const [row] = await readRows(deps.db, [check.id]);
      const [summary] = await summarise(row ? [row] : [{ check, latest: null }]);
      if (!summary) throw new Error(`no summary of check ${check.id}`);
      return summary;
    },

    /** Every check with its status, unscoped: for the server's own readers (scores), never an HTTP list. */
    async listAllSummaries(): Promise<CheckSummary[]> {
      return summarise(await readRows(deps.db, 'all'), true);
    },
  };
}

export type CheckListing = ReturnType<typeof createCheckListing>;
