import { regionScopeOf, WHOLE_PROVINCE, type RegionScope } from './region-scope.js';
import type { Kysely } from 'kysely';
import {
  parseSortParam,
  type DimensionAlias,
  type DimensionKind,
  type Dimensions,
  type DimensionsInput,
  type Page,
  type Service,
  type ServiceListQuery,
} from '@ganzhi/contracts';
import { NotFoundError, ValidationError, type Clock, type FieldIssue } from '@ganzhi/runtime';
import { pageOfItems } from '../../db/list-page.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { DEFAULT_DIMENSIONS } from './default-dimensions.js';
import { createDimensionResolver, type DimensionResolver } from './dimension-resolver.js';
import { deleteAlias, listServices, readDimensions, writeDimensions } from './dimension-repository.js';

export interface DimensionReferences {
  readonly business: string | null;
  readonly channel: string | null;
  readonly region: string | null;
}

/** Other nodes may edit dimensions too: a cached resolver is re-read after this long at the latest. */
const RESOLVER_TTL_MS = 10_000;

const LIST_OF_KIND: Record<DimensionKind, keyof Omit<Dimensions, 'aliases'>> = {
  channel: 'channels',
  business: 'businesses',
  region: 'regions',
  segment: 'segments',
  system: 'systems',
};

/** Problems of an input against the dimensions it would produce: dangling aliases and region parents. */
function findInputProblems(current: Dimensions, input: DimensionsInput): FieldIssue[] {
  const codes = (kind: DimensionKind) =>
    new Set([...current[LIST_OF_KIND[kind]], ...input[LIST_OF_KIND[kind]]].map((value) => value.code));
  const issues: FieldIssue[] = [];
  input.aliases.forEach((alias, index) => {
    if (!codes(alias.kind).has(alias.code))
      issues.push({
        path: `aliases.${index}.code`,
        code: 'unknown_reference',
        params: { kind: alias.kind, code: alias.code },
        message: `unknown ${alias.kind} "${alias.code}"`,
      });
  });
  const systems = codes('system');
  input.businesses.forEach((business, index) =>
    business.systems.forEach((system, position) => {
      if (!systems.has(system))
        issues.push({
          path: `businesses.${index}.systems.${position}`,
          code: 'unknown_reference',
          params: { kind: 'system', code: system },
          message: `unknown system "${system}"`,
        });
    }),
  );
  const regions = codes('region');
  input.regions.forEach((region, index) => {
    if (region.parentCode !== null && !regions.has(region.parentCode))
      issues.push({
        path: `regions.${index}.parentCode`,
        code: 'unknown_reference',
        params: { kind: 'region', code: region.parentCode },
        message: `unknown region "${region.parentCode}"`,
      });
    if (region.parentCode === region.code)
      issues.push({ path: `regions.${index}.parentCode`, message: 'a region cannot be its own parent' });
  });
  return issues;
}

export function createDimensionService({ db, clock }: { db: Kysely<DatabaseSchema>; clock: Clock }) {
  let cached: { resolver: DimensionResolver; readAt: number } | undefined;

  return {
    listDimensions: (): Promise<Dimensions> => readDimensions(db),

    listServices: (): Promise<Service[]> => listServices(db),

    /**
     * A page of services, filtered and sorted as asked. They are the distinct business × channel pairs of the
     * measured series (tens, not thousands), so the page is cut in memory.
     */
    async listServicePage({ query }: { query: ServiceListQuery }): Promise<Page<Service>> {
      const selected = (await listServices(db)).filter(
        (service) =>
          (query.business === undefined || service.business === query.business) &&
          (query.channel === undefined || service.channel === query.channel) &&
          (query.source === undefined || service.sources.includes(query.source)),
      );
      const { field, direction } = parseSortParam(query.sort);
      return pageOfItems(selected, {
        ...query,
        keysOf: (service) =>
          field === 'business' ? [service.business, service.channel] : [service.channel, service.business],
        directions: [direction, direction],
      });
    },

    async seedDefaults(): Promise<void> {
      await writeDimensions(db, DEFAULT_DIMENSIONS, 'missing');
      cached = undefined;
    },

    /** Creates or updates the given values by code; every problem is reported at once and nothing is written then. */
    async applyDimensions(input: DimensionsInput): Promise<void> {
      const issues = findInputProblems(await readDimensions(db), input);
      if (issues.length > 0) throw new ValidationError('the dimensions have problems', issues);
      await db.transaction().execute((trx) => writeDimensions(trx, input, 'upsert'));
      cached = undefined;
    },

    async removeAlias(alias: Pick<DimensionAlias, 'kind' | 'alias'>): Promise<void> {
      if (!(await deleteAlias(db, alias))) throw new NotFoundError('alias', `${alias.kind}:${alias.alias}`);
      cached = undefined;
    },

    /** The resolver of source spellings to codes, re-read when this node edits dimensions or after a short TTL. */
    async resolver(): Promise<DimensionResolver> {
      const now = clock.now();
      if (!cached || now - cached.readAt > RESOLVER_TTL_MS)
        cached = { resolver: createDimensionResolver(await readDimensions(db)), readAt: now };
      return cached.resolver;
    },

    /** The regions an actor with this grant may see (the region tree read once per call). */
    async regionScope(grant: readonly string[] | null): Promise<RegionScope> {
      if (grant === null || grant.length === 0) return WHOLE_PROVINCE;
      return regionScopeOf((await readDimensions(db)).regions, grant);
    },

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
          issues.push({
            path: field,
            code: 'unknown_reference',
            params: { kind: field, code: value },
            message: `unknown ${field} "${value}"`,
          });
      }
      return issues;
    },
  };
}

export type DimensionService = ReturnType<typeof createDimensionService>;
