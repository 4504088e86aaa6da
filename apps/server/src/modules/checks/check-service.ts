import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Check, CheckInput, CheckSummary, StepKind } from '@ganzhi/contracts';
import { validateFlow } from '@ganzhi/probes';
import { NotFoundError, ValidationError, type Clock, type FieldIssue } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import type { Actor } from '../auth/index.js';
import type { DimensionService } from '../dimensions/index.js';
import type { RunService } from '../runs/index.js';
import { createCheckRepository } from './check-repository.js';

export interface AppliedCheck {
  readonly id: string;
  readonly name: string;
  readonly action: 'created' | 'updated';
}

export interface CheckServiceDeps {
  readonly db: Kysely<DatabaseSchema>;
  readonly clock: Clock;
  readonly dimensions: DimensionService;
  readonly runs: RunService;
  /** Step kinds the built-in agent (location `local`) can run. */
  readonly supportedKinds: () => ReadonlySet<StepKind>;
  /** Told after every change, so schedulers reload (the built-in agent subscribes). */
  readonly onChange: (change: { checkId: string; kind: 'created' | 'updated' | 'deleted' }) => void;
}

export function createCheckService(deps: CheckServiceDeps) {
  const repository = createCheckRepository(deps.db);

  /** Dimension references and the flow itself (variables, expressions, step kinds), every problem at once. */
  async function findProblems(input: CheckInput): Promise<FieldIssue[]> {
    const flowIssues = validateFlow({
      steps: input.steps,
      variables: input.variables,
      ...(input.locations.includes('local') ? { supportedKinds: deps.supportedKinds() } : {}),
    });
    return [...(await deps.dimensions.findUnknownReferences(input)), ...flowIssues];
  }

  async function assertValid(input: CheckInput): Promise<void> {
    const issues = await findProblems(input);
    if (issues.length > 0) throw new ValidationError('the check has problems', issues);
  }

  async function getCheck({ id }: { id: string }): Promise<Check> {
    const check = await repository.find(id);
    if (!check) throw new NotFoundError('check', id);
    return check;
  }

  return {
    getCheck,

    async createCheck({ input }: { actor: Actor; input: CheckInput }): Promise<Check> {
      await assertValid(input);
      const check = await repository.insert(randomUUID(), input, deps.clock.now());
      deps.onChange({ checkId: check.id, kind: 'created' });
      return check;
    },

    async updateCheck({ id, input }: { actor: Actor; id: string; input: CheckInput }): Promise<Check> {
      await getCheck({ id });
      await assertValid(input);
      const check = await repository.update(id, input, deps.clock.now());
      if (!check) throw new NotFoundError('check', id);
      deps.onChange({ checkId: id, kind: 'updated' });
      return check;
    },

    /**
     * Checks as code: creates each check, or replaces the definition of the one with the same name. Every input is
     * validated first and every problem reported at once (paths `checks.<i>.…`); nothing is applied unless all pass.
     */
    async applyChecks({ inputs }: { actor: Actor; inputs: readonly CheckInput[] }): Promise<AppliedCheck[]> {
      const issues: FieldIssue[] = [];
      const seen = new Map<string, number>();
      for (const [index, input] of inputs.entries()) {
        const twin = seen.get(input.name);
        if (twin !== undefined)
          issues.push({ path: `checks.${index}.name`, message: `same name as checks.${twin}` });
        seen.set(input.name, index);
        for (const issue of await findProblems(input)) {
          issues.push({ path: `checks.${index}.${issue.path}`, message: issue.message });
        }
      }
      if (issues.length > 0)
        throw new ValidationError('the checks have problems; nothing was applied', issues);
      const applied = await deps.db.transaction().execute(async (trx) => {
        const scoped = createCheckRepository(trx);
        const results: AppliedCheck[] = [];
        for (const input of inputs) {
          const existing = await scoped.findByName(input.name);
          const check = existing
            ? await scoped.update(existing.id, input, deps.clock.now())
            : await scoped.insert(randomUUID(), input, deps.clock.now());
          if (check)
            results.push({ id: check.id, name: check.name, action: existing ? 'updated' : 'created' });
        }
        return results;
      });
      for (const result of applied) deps.onChange({ checkId: result.id, kind: result.action });
      return applied;
    },

    async deleteCheck({ id }: { actor: Actor; id: string }): Promise<void> {
      if (!(await repository.delete(id))) throw new NotFoundError('check', id);
      await deps.runs.deleteRunsOfCheck({ checkId: id });
      deps.onChange({ checkId: id, kind: 'deleted' });
    },

    listChecks: (): Promise<Check[]> => repository.list(),

    /** Validates like a save would, then hands the definition to `run` (the built-in agent) once. */
    async tryCheck<T>({
      input,
      run,
    }: {
      input: CheckInput;
      run: (input: CheckInput) => Promise<T>;
    }): Promise<T> {
      await assertValid(input);
      return run(input);
    },

    /** Checks with their status, last run and 24-hour success ratio, as the checks list shows them. */
    async listCheckSummaries(): Promise<CheckSummary[]> {
      const checks = await repository.list();
      const stats = await deps.runs.summariseRecentRuns({ sinceMs: deps.clock.now() - 24 * 3_600_000 });
      return checks.map((check) => deps.runs.toSummary(check, stats.get(check.id)));
    },

    async getCheckSummary({ id }: { id: string }): Promise<CheckSummary> {
      const check = await getCheck({ id });
      const stats = await deps.runs.summariseRecentRuns({
        sinceMs: deps.clock.now() - 24 * 3_600_000,
        checkId: id,
      });
      return deps.runs.toSummary(check, stats.get(id));
    },
  };
}

export type CheckService = ReturnType<typeof createCheckService>;
