import { sql, type Kysely, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import {
  parseSortParam,
  type MetricMapping,
  type Page,
  type ScrapeTargetListQuery,
  type ScrapeHost,
  type ScrapeResult,
  type ScrapeStatus,
  type ScrapeTarget,
  type ScrapeTargetInput,
} from '@ganzhi/contracts';
import type { KeyValue } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import { allOf, pageOfQuery, sortKeysOf } from '../../db/list-page.js';
import type { DatabaseSchema, ScrapeTargetTable } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

function toLastScrape(row: Selectable<ScrapeTargetTable>): ScrapeResult | null {
  if (row.last_scrape_at === null || row.last_status === null) return null;
  return {
    at: new Date(row.last_scrape_at).toISOString(),
    status: row.last_status as ScrapeStatus,
    samples: row.last_samples ?? 0,
    error: row.last_error,
  };
}

function toTarget(row: Selectable<ScrapeTargetTable>): ScrapeTarget {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    intervalSeconds: row.interval_seconds,
    timeoutMs: row.timeout_ms,
    system: row.system,
    host: JSON.parse(row.host_json) as ScrapeHost,
    mappings: JSON.parse(row.mappings_json) as MetricMapping[],
    enabled: row.enabled === 1,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    lastScrape: toLastScrape(row),
  };
}

/** Past every real time, so targets never scraped sort last both ways. */
const AFTER_ALL = { asc: Number.MAX_SAFE_INTEGER, desc: -1 } as const;

function conditions(query: ScrapeTargetListQuery): RawBuilder<SqlBool>[] {
  const all: RawBuilder<SqlBool>[] = [];
  if (query.text !== undefined) {
    const pattern = containsPattern(query.text.toLowerCase());
    all.push(
      sql<SqlBool>`(lower(scrape_targets.name) like ${pattern} escape '\\' or lower(scrape_targets.url) like ${pattern} escape '\\')`,
    );
  }
  if (query.system !== undefined) all.push(sql<SqlBool>`scrape_targets.system = ${query.system}`);
  if (query.status !== undefined) all.push(sql<SqlBool>`scrape_targets.last_status = ${query.status}`);
  if (query.enabled !== undefined)
    all.push(sql<SqlBool>`scrape_targets.enabled = ${query.enabled === 'true' ? 1 : 0}`);
  return all;
}

function toColumns(input: ScrapeTargetInput) {
  return {
    name: input.name,
    url: input.url,
    interval_seconds: input.intervalSeconds,
    timeout_ms: input.timeoutMs,
    system: input.system,
    host_json: JSON.stringify(input.host),
    mappings_json: JSON.stringify(input.mappings),
    enabled: input.enabled ? 1 : 0,
  };
}

export function createScrapeTargetRepository(db: Db) {
  return {
    async insert(id: string, input: ScrapeTargetInput, nowMs: number): Promise<ScrapeTarget> {
      const row = {
        id,
        ...toColumns(input),
        created_at: nowMs,
        updated_at: nowMs,
        last_scrape_at: null,
        last_status: null,
        last_samples: null,
        last_error: null,
      };
      await db.insertInto('scrape_targets').values(row).execute();
      return toTarget(row);
    },
    async update(id: string, input: ScrapeTargetInput, nowMs: number): Promise<boolean> {
      const result = await db
        .updateTable('scrape_targets')
        .set({ ...toColumns(input), updated_at: nowMs })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async find(id: string): Promise<ScrapeTarget | undefined> {
      const row = await db.selectFrom('scrape_targets').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toTarget(row) : undefined;
    },
    async list(): Promise<ScrapeTarget[]> {
      const rows = await db.selectFrom('scrape_targets').selectAll().orderBy('name').orderBy('id').execute();
      return rows.map(toTarget);
    },
    /** One page of targets in a total order (the id breaks ties), with the total the filters select. */
    listPage(query: ScrapeTargetListQuery): Promise<Page<ScrapeTarget>> {
      const { direction } = parseSortParam(query.sort);
      const keys = sortKeysOf(query.sort, {
        columns: {
          name: sql<KeyValue>`lower(scrape_targets.name)`,
          system: sql<KeyValue>`scrape_targets.system`,
          lastScrapeAt: sql<KeyValue>`coalesce(scrape_targets.last_scrape_at, ${sql.lit(AFTER_ALL[direction])})`,
        },
        unique: sql<KeyValue>`scrape_targets.id`,
      });
      const filtered = db
        .selectFrom('scrape_targets')
        .selectAll('scrape_targets')
        .where(allOf(conditions(query)));
      return pageOfQuery(filtered, { ...query, keys, toItem: toTarget });
    },
    async delete(id: string): Promise<boolean> {
      const result = await db.deleteFrom('scrape_targets').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async recordScrape(id: string, result: { atMs: number } & Omit<ScrapeResult, 'at'>): Promise<void> {
      await db
        .updateTable('scrape_targets')
        .set({
          last_scrape_at: result.atMs,
          last_status: result.status,
          last_samples: result.samples,
          last_error: result.error,
        })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ScrapeTargetRepository = ReturnType<typeof createScrapeTargetRepository>;
