import type { Kysely } from 'kysely';
import type {
  BusinessType,
  DimensionAlias,
  DimensionKind,
  Dimensions,
  DimensionsInput,
  Service,
} from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

function parseCodes(json: string | null): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

export async function readDimensions(db: Db): Promise<Dimensions> {
  const [channels, businesses, regions, segments, systems, aliases] = await Promise.all([
    db.selectFrom('channels').selectAll().orderBy('code').execute(),
    db.selectFrom('businesses').selectAll().orderBy('code').execute(),
    db.selectFrom('regions').selectAll().orderBy('code').execute(),
    db.selectFrom('segments').selectAll().orderBy('code').execute(),
    db.selectFrom('systems').selectAll().orderBy('code').execute(),
    db.selectFrom('dimension_aliases').selectAll().orderBy('kind').orderBy('alias').execute(),
  ]);
  return {
    channels: channels.map((row) => ({ code: row.code, nameZh: row.name_zh, nameEn: row.name_en })),
    businesses: businesses.map((row) => ({
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      type: row.type as BusinessType,
      slaMs: row.sla_ms,
      systems: parseCodes(row.systems),
    })),
    regions: regions.map((row) => ({
      code: row.code,
      parentCode: row.parent_code,
      level: row.level as 'province' | 'city' | 'county',
      nameZh: row.name_zh,
      nameEn: row.name_en,
    })),
    segments: segments.map((row) => ({ code: row.code, nameZh: row.name_zh, nameEn: row.name_en })),
    systems: systems.map((row) => ({
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      plannedUtilisation: Number(row.planned_utilisation),
    })),
    aliases: aliases.map((row) => ({ kind: row.kind as DimensionKind, alias: row.alias, code: row.code })),
  };
}

/**
 * Writes dimension values keyed by code. `mode: 'missing'` only adds values that do not exist yet (seeding leaves
 * users' edits alone); `mode: 'upsert'` also updates existing ones (the console and `ganzhi apply`).
 */
export async function writeDimensions(
  db: Db,
  input: DimensionsInput,
  mode: 'missing' | 'upsert',
): Promise<void> {
  const rows = {
    channels: input.channels.map((v) => ({ code: v.code, name_zh: v.nameZh, name_en: v.nameEn })),
    businesses: input.businesses.map((v) => ({
      code: v.code,
      name_zh: v.nameZh,
      name_en: v.nameEn,
      type: v.type,
      sla_ms: v.slaMs,
      systems: JSON.stringify(v.systems),
    })),
    regions: input.regions.map((v) => ({
      code: v.code,
      parent_code: v.parentCode,
      level: v.level,
      name_zh: v.nameZh,
      name_en: v.nameEn,
    })),
    segments: input.segments.map((v) => ({ code: v.code, name_zh: v.nameZh, name_en: v.nameEn })),
    systems: input.systems.map((v) => ({
      code: v.code,
      name_zh: v.nameZh,
      name_en: v.nameEn,
      planned_utilisation: v.plannedUtilisation,
    })),
  };
  for (const [table, values] of Object.entries(rows) as [keyof typeof rows, Record<string, unknown>[]][]) {
    for (const value of values) {
      await db
        .insertInto(table)
        .values(value as never)
        .onConflict((c) => {
          const target = c.column('code');
          if (mode === 'missing') return target.doNothing();
          const { code: _code, ...rest } = value;
          return target.doUpdateSet(rest);
        })
        .execute();
    }
  }
  for (const alias of input.aliases) {
    await db
      .insertInto('dimension_aliases')
      .values({ kind: alias.kind, alias: alias.alias, code: alias.code })
      .onConflict((c) => {
        const target = c.columns(['kind', 'alias']);
        return mode === 'missing' ? target.doNothing() : target.doUpdateSet({ code: alias.code });
      })
      .execute();
  }
}

export async function deleteAlias(db: Db, alias: Pick<DimensionAlias, 'kind' | 'alias'>): Promise<boolean> {
  const result = await db
    .deleteFrom('dimension_aliases')
    .where('kind', '=', alias.kind)
    .where('alias', '=', alias.alias)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every business × channel pair that has measurements, with where they come from. */
export async function listServices(db: Db): Promise<Service[]> {
  const rows = await db
    .selectFrom('series')
    .select(['business', 'channel', 'source'])
    .where('business', 'is not', null)
    .where('channel', 'is not', null)
    .distinct()
    .execute();
  const services = new Map<string, Service & { sources: ('probe' | 'transactions')[] }>();
  for (const row of rows) {
    if (row.business === null || row.channel === null) continue;
    const key = `${row.business}|${row.channel}`;
    const service = services.get(key) ?? { business: row.business, channel: row.channel, sources: [] };
    const source = row.source === 'check' ? 'probe' : 'transactions';
    if (!service.sources.includes(source)) service.sources.push(source);
    services.set(key, service);
  }
  return [...services.values()].sort(
    (a, b) => a.business.localeCompare(b.business) || a.channel.localeCompare(b.channel),
  );
}
