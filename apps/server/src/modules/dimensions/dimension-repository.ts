import type { Kysely } from 'kysely';
import type { BusinessType, Dimensions } from '@ganzhi/contracts';
import type { DatabaseSchema } from '../../db/schema.js';

type Db = Kysely<DatabaseSchema>;

export async function readDimensions(db: Db): Promise<Dimensions> {
  const [channels, businesses, regions] = await Promise.all([
    db.selectFrom('channels').selectAll().orderBy('code').execute(),
    db.selectFrom('businesses').selectAll().orderBy('code').execute(),
    db.selectFrom('regions').selectAll().orderBy('code').execute(),
  ]);
  return {
    channels: channels.map((row) => ({ code: row.code, nameZh: row.name_zh, nameEn: row.name_en })),
    businesses: businesses.map((row) => ({
      code: row.code,
      nameZh: row.name_zh,
      nameEn: row.name_en,
      type: row.type as BusinessType,
      slaMs: row.sla_ms,
    })),
    regions: regions.map((row) => ({
      code: row.code,
      parentCode: row.parent_code,
      level: row.level as 'province' | 'city' | 'county',
      nameZh: row.name_zh,
      nameEn: row.name_en,
    })),
  };
}

/** Inserts dimension values that are missing; existing ones (possibly edited by users) are left alone. */
export async function insertMissingDimensions(db: Db, dimensions: Dimensions): Promise<void> {
  for (const channel of dimensions.channels) {
    await db
      .insertInto('channels')
      .values({ code: channel.code, name_zh: channel.nameZh, name_en: channel.nameEn })
      .onConflict((c) => c.column('code').doNothing())
      .execute();
  }
  for (const business of dimensions.businesses) {
    await db
      .insertInto('businesses')
      .values({
        code: business.code,
        name_zh: business.nameZh,
        name_en: business.nameEn,
        type: business.type,
        sla_ms: business.slaMs,
      })
      .onConflict((c) => c.column('code').doNothing())
      .execute();
  }
  for (const region of dimensions.regions) {
    await db
      .insertInto('regions')
      .values({
        code: region.code,
        parent_code: region.parentCode,
        level: region.level,
        name_zh: region.nameZh,
        name_en: region.nameEn,
      })
      .onConflict((c) => c.column('code').doNothing())
      .execute();
  }
}
