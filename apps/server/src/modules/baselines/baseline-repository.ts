import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Baseline, BaselineListQuery, BaselineMetric, Page } from '@ganzhi/contracts';
import type { BaselineBand, LearnedBaseline } from '@ganzhi/quality';
import type { KeyValue } from '../../db/keyset-page.js';
import { containsPattern } from '../../db/like-pattern.js';
import { allOf, pageOfQuery, sortKeysOf } from '../../db/list-page.js';
import type { BaselineTable, DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

/** A stored baseline with its profile (versions) or value (static). */
export interface StoredBaseline {
  readonly row: BaselineTable;
  readonly profile: LearnedBaseline | null;
}

type SlotRow = [key: string, expected: number, low: number, high: number, samples: number];

export function encodeSlots(baseline: LearnedBaseline): string {
  const rows: SlotRow[] = [...baseline.slots].map(([key, band]) => [
    key,
    band.expected,
    band.low,
    band.high,
    band.samples,
  ]);
  return JSON.stringify(rows);
}

function decodeSlots(json: string, timeZone: string): LearnedBaseline {
  const rows = JSON.parse(json) as SlotRow[];
  const slots = new Map<string, BaselineBand>(
    rows.map(([key, expected, low, high, samples]) => [key, { expected, low, high, samples }]),
  );
  return { timeZone, slots };
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function toBaseline(row: BaselineTable): Baseline {
  return {
    id: row.id,
    kind: row.kind as Baseline['kind'],
    name: row.name,
    business: row.business,
    channel: row.channel,
    region: row.region,
    metric: row.metric as BaselineMetric,
    from: iso(row.from_ms),
    to: iso(row.to_ms),
    value: row.value === null ? null : Number(row.value),
    slots: (JSON.parse(row.slots) as unknown[]).length,
    createdAt: new Date(Number(row.created_at)).toISOString(),
  };
}

export async function insertBaseline(db: Db, row: BaselineTable): Promise<void> {
  await db.insertInto('baselines').values(row).execute();
}

export async function listBaselines(
  db: Db,
  filter: { readonly business?: string; readonly channel?: string; readonly metric?: BaselineMetric },
): Promise<BaselineTable[]> {
  let select = db.selectFrom('baselines').selectAll();
  if (filter.business !== undefined) select = select.where('business', '=', filter.business);
  if (filter.channel !== undefined) select = select.where('channel', '=', filter.channel);
  if (filter.metric !== undefined) select = select.where('metric', '=', filter.metric);
  return select.orderBy('created_at').execute();
}

/** One page of baselines in a total order (the id breaks ties), with the total the filters select. */
export function listBaselinePage(db: Db, query: BaselineListQuery): Promise<Page<BaselineTable>> {
  const all: RawBuilder<SqlBool>[] = [];
  for (const column of ['business', 'channel', 'region', 'metric', 'kind'] as const) {
    const value = query[column];
    if (value !== undefined) all.push(sql<SqlBool>`${sql.ref(`baselines.${column}`)} = ${value}`);
  }
  if (query.text !== undefined)
    all.push(
      sql<SqlBool>`lower(baselines.name) like ${containsPattern(query.text.toLowerCase())} escape '\\'`,
    );
  const keys = sortKeysOf(query.sort, {
    columns: { createdAt: sql<KeyValue>`baselines.created_at`, name: sql<KeyValue>`lower(baselines.name)` },
    unique: sql<KeyValue>`baselines.id`,
  });
  const filtered = db.selectFrom('baselines').selectAll('baselines').where(allOf(all));
  return pageOfQuery(filtered, { ...query, keys, toItem: (row: BaselineTable) => row });
}

export function withProfile(row: BaselineTable, timeZone: string): StoredBaseline {
  return { row, profile: row.kind === 'version' ? decodeSlots(row.slots, timeZone) : null };
}

export async function deleteBaseline(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('baselines').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
