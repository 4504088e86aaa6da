import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import type { Page, ScrapeTarget, ScrapeTargetInput, ScrapeTargetListQuery } from '@ganzhi/contracts';
import type { AddressPolicy } from '@ganzhi/probes';
import { NotFoundError, ValidationError, type Clock, type FieldIssue } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Actor } from '../auth/index.js';
import type { DimensionService } from '../dimensions/index.js';
import { createScrapeTargetRepository } from './scrape-target-repository.js';

export interface ScrapeTargetServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly dimensions: DimensionService;
  readonly addressPolicy: AddressPolicy;
  /** Told after every change, so the scraper reloads its schedule. */
  readonly onChange: () => void;
}

/** Prometheus scrape targets: which endpoint, how often, which system, and which metrics map to what. */
export function createScrapeTargetService(deps: ScrapeTargetServiceDeps) {
  const repository = createScrapeTargetRepository(deps.db);

  async function findProblems(input: ScrapeTargetInput): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const { systems } = await deps.dimensions.listDimensions();
    if (!systems.some((system) => system.code === input.system))
      issues.push({
        path: 'system',
        message: `unknown system "${input.system}" (known: ${systems.map((s) => s.code).join(', ')})`,
      });
    // Names are judged when the scraper resolves them; an address literal can be refused right away.
    const host = new URL(input.url).hostname.replace(/^\[|\]$/g, '');
    const refused = isIP(host) === 0 ? null : deps.addressPolicy.check(host);
    if (refused !== null) issues.push({ path: 'url', message: refused });
    return issues;
  }

  async function assertValid(input: ScrapeTargetInput): Promise<void> {
    const issues = await findProblems(input);
    if (issues.length > 0) throw new ValidationError('the scrape target has problems', issues);
  }

  async function getTarget({ id }: { id: string }): Promise<ScrapeTarget> {
    const target = await repository.find(id);
    if (!target) throw new NotFoundError('scrape target', id);
    return target;
  }

  return {
    getTarget,

    /** Every target: what the scraper schedules. */
    listTargets: (): Promise<ScrapeTarget[]> => repository.list(),

    /** A page of targets, filtered and sorted as asked. */
    listTargetPage: ({ query }: { query: ScrapeTargetListQuery }): Promise<Page<ScrapeTarget>> =>
      repository.listPage(query),

    async createTarget({ input }: { actor: Actor; input: ScrapeTargetInput }): Promise<ScrapeTarget> {
      await assertValid(input);
      const target = await repository.insert(randomUUID(), input, deps.clock.now());
      deps.onChange();
      return target;
    },

    async updateTarget({ id, input }: { actor: Actor; id: string; input: ScrapeTargetInput }) {
      await getTarget({ id });
      await assertValid(input);
      if (!(await repository.update(id, input, deps.clock.now())))
        throw new NotFoundError('scrape target', id);
      deps.onChange();
      return getTarget({ id });
    },

    async deleteTarget({ id }: { actor: Actor; id: string }): Promise<void> {
      if (!(await repository.delete(id))) throw new NotFoundError('scrape target', id);
      deps.onChange();
    },

    recordScrape: repository.recordScrape.bind(repository),
  };
}

export type ScrapeTargetService = ReturnType<typeof createScrapeTargetService>;
