import type { Kysely } from 'kysely';
import type { Dimensions } from '@ganzhi/contracts';
import type { FieldIssue } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { DEFAULT_DIMENSIONS } from './default-dimensions.js';
import { insertMissingDimensions, readDimensions } from './dimension-repository.js';

export interface DimensionReferences {
  readonly business: string | null;
  readonly channel: string | null;
  readonly region: string | null;
}

export function createDimensionService({ db }: { db: Kysely<DatabaseSchema> }) {
  return {
    listDimensions: (): Promise<Dimensions> => readDimensions(db),

    seedDefaults: (): Promise<void> => insertMissingDimensions(db, DEFAULT_DIMENSIONS),

    /** Field issues for references to dimension values that do not exist (never silently accepted). */
    async findUnknownReferences(references: DimensionReferences): Promise<FieldIssue[]> {
      const dimensions = await readDimensions(db);
      const known = {
        business: new Set(dimensions.businesses.map((b) => b.code)),
        channel: new Set(dimensions.channels.map((c) => c.code)),
        region: new Set(dimensions.regions.map((r) => r.code)),
      };
      const issues: FieldIssue[] = [];
      for (const field of ['business', 'channel', 'region'] as const) {
        const value = references[field];
        if (value !== null && !known[field].has(value))
          issues.push({ path: field, message: `unknown ${field} "${value}"` });
      }
      return issues;
    },
  };
}

export type DimensionService = ReturnType<typeof createDimensionService>;
