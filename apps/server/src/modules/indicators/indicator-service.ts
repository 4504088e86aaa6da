import type { Kysely } from 'kysely';
import { isDeepStrictEqual } from 'node:util';
import {
  parseSortParam,
  type Indicator,
  type IndicatorDefinition,
  type IndicatorListQuery,
  type Page,
} from '@ganzhi/contracts';
import { NotFoundError, ValidationError, type Clock } from '@ganzhi/runtime';
import { pageOfItems } from '../../db/list-page.js';
import type { DatabaseSchema } from '../../db/schema.js';
import { BUILTIN_INDICATORS } from './catalogue/index.js';
import { compileIndicator, findDefinitionProblems, type CompiledIndicator } from './indicator-definition.js';
import { deleteDefinition, readStoredDefinitions, writeDefinition } from './indicator-repository.js';

export interface IndicatorServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
}

const BUILTIN_BY_ID = new Map(BUILTIN_INDICATORS.map((definition) => [definition.id, definition]));

/** Another node may edit definitions: the evaluator's compiled set is re-read after this long at the latest. */
const ACTIVE_TTL_MS = 30_000;

function toIndicator(definition: IndicatorDefinition): Indicator {
  const builtin = BUILTIN_BY_ID.get(definition.id);
  const problems = findDefinitionProblems(definition);
  return {
    ...definition,
    builtin: builtin !== undefined,
    modified: builtin !== undefined && !isDeepStrictEqual(builtin, definition),
    measurements: problems.length === 0 ? [...compileIndicator(definition).formula.measurements] : [],
  };
}

/** The indicator catalogue: built-ins (editable: a stored row overrides one) and custom indicators. */
export function createIndicatorService(deps: IndicatorServiceDeps) {
  const { db, clock } = deps;
  let active: { readonly atMs: number; readonly indicators: readonly CompiledIndicator[] } | undefined;

  async function effectiveDefinitions(): Promise<IndicatorDefinition[]> {
    const stored = new Map(
      (await readStoredDefinitions(db)).map((definition) => [definition.id, definition]),
    );
    const builtins = BUILTIN_INDICATORS.map((definition) => stored.get(definition.id) ?? definition);
    const custom = [...stored.values()].filter((definition) => !BUILTIN_BY_ID.has(definition.id));
    return [...builtins, ...custom.sort((a, b) => a.id.localeCompare(b.id))];
  }

  return {
    /**
     * A page of indicator definitions, filtered and sorted as asked. Built-ins come from code and overrides and custom
     * ones from storage, so the page is cut in memory (a catalogue of tens, not thousands).
     */
    async listIndicatorPage({ query }: { query: IndicatorListQuery }): Promise<Page<Indicator>> {
      const text = query.text?.toLowerCase();
      const flag = (value: 'true' | 'false' | undefined) =>
        value === undefined ? undefined : value === 'true';
      const builtin = flag(query.builtin);
      const enabled = flag(query.enabled);
      const positions = new Map<string, number>();
      const selected = (await effectiveDefinitions())
        .map((definition, index) => {
          positions.set(definition.id, index);
          return toIndicator(definition);
        })
        .filter(
          (indicator) =>
            (query.layer === undefined || indicator.layer === query.layer) &&
            (query.family === undefined || indicator.family === query.family) &&
            (query.source === undefined || indicator.source === query.source) &&
            (query.dimension === undefined || indicator.dimension === query.dimension) &&
            (builtin === undefined || indicator.builtin === builtin) &&
            (enabled === undefined || indicator.enabled === enabled) &&
            (text === undefined ||
              [indicator.id, indicator.name.zh, indicator.name.en, indicator.formula].some((value) =>
                value.toLowerCase().includes(text),
              )),
        );
      const { field, direction } = parseSortParam(query.sort);
      return pageOfItems(selected, {
        ...query,
        keysOf: (indicator) => {
          if (field === 'id') return [indicator.id];
          if (field === 'catalogue') return [positions.get(indicator.id) ?? 0, indicator.id];
          return [indicator[field], indicator.id];
        },
        directions: field === 'id' ? [direction] : [direction, direction],
      });
    },

    async getIndicator(id: string): Promise<Indicator> {
      const definition = (await effectiveDefinitions()).find((candidate) => candidate.id === id);
      if (!definition) throw new NotFoundError('indicator', id);
      return toIndicator(definition);
    },

    /** Creates or replaces a definition after checking its formula and thresholds (every problem at once). */
    async saveIndicator(input: {
      readonly id: string;
      readonly definition: IndicatorDefinition;
    }): Promise<Indicator> {
      const { id, definition } = input;
      if (definition.id !== id)
        throw new ValidationError('the indicator has problems', [
          { path: 'id', message: `the id in the body (${definition.id}) differs from the path (${id})` },
        ]);
      const problems = findDefinitionProblems(definition);
      if (problems.length > 0) throw new ValidationError('the indicator has problems', problems);
      await writeDefinition(db, definition, clock.now());
      active = undefined;
      return toIndicator(definition);
    },

    /** Deletes a custom indicator, or resets a built-in to its shipped definition. */
    async removeIndicator(id: string): Promise<{ readonly reset: boolean }> {
      const existed = await deleteDefinition(db, id);
      active = undefined;
      if (BUILTIN_BY_ID.has(id)) return { reset: true };
      if (!existed) throw new NotFoundError('indicator', id);
      return { reset: false };
    },

    /** Enabled definitions, compiled, for the evaluator (cached briefly). */
    async activeIndicators(): Promise<readonly CompiledIndicator[]> {
      if (active && clock.now() - active.atMs < ACTIVE_TTL_MS) return active.indicators;
      const indicators = (await effectiveDefinitions())
        .filter((definition) => definition.enabled && findDefinitionProblems(definition).length === 0)
        .map(compileIndicator);
      active = { atMs: clock.now(), indicators };
      return indicators;
    },
  };
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;
