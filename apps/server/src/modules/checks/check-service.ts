import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  Check,
  CheckInput,
  CheckListItem,
  CheckListQuery,
  CheckSummary,
  Page,
  StepKind,
} from '@ganzhi/contracts';
import { validateFlow } from '@ganzhi/probes';
import { ForbiddenError, NotFoundError, ValidationError, type Clock, type FieldIssue } from '@ganzhi/runtime';
import type { DatabaseSchema } from '../../db/schema.js';
import { hasPermission, regionGrantOf, type RequestContext } from '../auth/index.js';
import { assertInScope, type DimensionService, type RegionScope } from '../dimensions/index.js';
import type { RunService } from '../runs/index.js';
import { createCheckListing } from './check-listing.js';
import { createCheckRepository } from './check-repository.js';
import {
  deleteRunStateOfCheck,
  pruneRunHours,
  readLatestRunStarts,
  runWindowStart,
} from './latest-run-repository.js';
import { findUnknownLocations } from './location-references.js';

export interface AppliedCheck {
  readonly id: string;
  readonly name: string;
  readonly action: 'created' | 'updated';
}

/** What applying a check would do: create it, or update the check of the same name. */
export interface PlannedCheck {
  readonly name: string;
  readonly action: 'create' | 'update';
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
  const listing = createCheckListing(deps);

  /** Dimension references and the flow itself (variables, expressions, step kinds), every problem at once. */
  async function findProblems(input: CheckInput): Promise<FieldIssue[]> {
    const flowIssues = validateFlow({
      steps: input.steps,
      variables: input.variables,
      ...(input.locations.includes('local') ? { supportedKinds: deps.supportedKinds() } : {}),
    });
    return [
      ...(await deps.dimensions.findUnknownReferences(input)),
      ...(await findUnknownLocations(deps.db, input.locations)),
      ...flowIssues,
    ];
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

  const scopeOf = (ctx: RequestContext): Promise<RegionScope> =>
    deps.dimensions.regionScope(regionGrantOf(ctx.actor));

  /** A check the actor may see; one outside their regions does not exist for them. */
  async function readCheck({ ctx, id }: { ctx: RequestContext; id: string }): Promise<Check> {
    const check = await getCheck({ id });
    if (!(await scopeOf(ctx)).includes(check.region)) throw new NotFoundError('check', id);
    return check;
  }

  /**
   * A change may only touch checks inside the actor's regions (before and after), and only holders of `secrets:use`
   * may write flows that send `{{secrets.…}}` somewhere.
   */
  async function authoriseWrite(
    ctx: RequestContext,
    change: { input?: CheckInput | undefined; existing?: Check | undefined },
  ): Promise<void> {
    const scope = await scopeOf(ctx);
    if (change.existing) assertInScope(scope, change.existing.region, `check "${change.existing.name}"`);
    if (change.input) {
      assertInScope(scope, change.input.region, `a check`);
      if (usesSecrets(change.input) && !hasPermission(ctx.actor, 'secrets:use'))
        throw new ForbiddenError('this check uses {{secrets.…}}: that needs the permission secrets:use');
    }
  }

  /**
   * What applying these checks would do, after everything a save refuses: a check outside the actor's regions,
   * a name used twice, unknown dimensions or locations, flow problems (paths `checks.<i>.…`, all at once).
   */
  async function planApply(ctx: RequestContext, inputs: readonly CheckInput[]): Promise<PlannedCheck[]> {
    const plan: PlannedCheck[] = [];
    for (const input of inputs) {
      const existing = (await repository.findByName(input.name)) ?? undefined;
      await authoriseWrite(ctx, { input, existing });
      plan.push({ name: input.name, action: existing ? 'update' : 'create' });
    }
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
    if (issues.length > 0) throw new ValidationError('the checks have problems; nothing was applied', issues);
    return plan;
  }

  return {
    getCheck,
    readCheck,

    async createCheck({ ctx, input }: { ctx: RequestContext; input: CheckInput }): Promise<Check> {
      await authoriseWrite(ctx, { input });
      await assertValid(input);
      const check = await repository.insert(randomUUID(), input, deps.clock.now());
      deps.onChange({ checkId: check.id, kind: 'created' });
      return check;
    },

    async updateCheck({
      ctx,
      id,
      input,
    }: {
      ctx: RequestContext;
      id: string;
      input: CheckInput;
    }): Promise<Check> {
      await authoriseWrite(ctx, { existing: await getCheck({ id }), input });
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
    async applyChecks({
      ctx,
      inputs,
    }: {
      ctx: RequestContext;
      inputs: readonly CheckInput[];
    }): Promise<AppliedCheck[]> {
      await planApply(ctx, inputs);
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

    /**
     * The dry run of `applyChecks`: the same rights, references, flows and location capabilities, refused the same
     * way, but nothing is written; answers what each check would become.
     */
    async validateChecks({
      ctx,
      inputs,
    }: {
      ctx: RequestContext;
      inputs: readonly CheckInput[];
    }): Promise<PlannedCheck[]> {
      return planApply(ctx, inputs);
    },

    async deleteCheck({ ctx, id }: { ctx: RequestContext; id: string }): Promise<void> {
      await authoriseWrite(ctx, { existing: await getCheck({ id }) });
      if (!(await repository.delete(id))) throw new NotFoundError('check', id);
      await deps.runs.deleteRunsOfCheck({ checkId: id });
      await deleteRunStateOfCheck(deps.db, id);
      deps.onChange({ checkId: id, kind: 'deleted' });
    },

    listChecks: (): Promise<Check[]> => repository.list(),

    /** When each check's latest run started, wherever it ran (epoch ms); checks that never ran are absent. */
    latestRunStarts: (): Promise<Map<string, number>> => readLatestRunStarts(deps.db),

    /** Validates like a save would, then hands the definition to `run` (the built-in agent) once. */
    async tryCheck<T>({
      ctx,
      input,
      run,
    }: {
      ctx: RequestContext;
      input: CheckInput;
      run: (input: CheckInput) => Promise<T>;
    }): Promise<T> {
      await authoriseWrite(ctx, { input });
      await assertValid(input);
      return run(input);
    },

    /** A page of the checks in the caller's regions matching the list query, with their status and total. */
    listCheckPage: ({
      ctx,
      query,
    }: {
      ctx: RequestContext;
      query: CheckListQuery;
    }): Promise<Page<CheckListItem>> => listing.listCheckPage({ ctx, query }),

    /** Every check with its status, last run and 24-hour success ratio; unscoped, for the server's own readers. */
    listCheckSummaries: (): Promise<CheckSummary[]> => listing.listAllSummaries(),

    async getCheckSummary({ ctx, id }: { ctx: RequestContext; id: string }): Promise<CheckSummary> {
      return listing.summariseCheck(await readCheck({ ctx, id }));
    },

    /** Retention: hour counts older than any 24-hour window (a day of margin for late uploads). */
    pruneRunHours: (): Promise<number> =>
      pruneRunHours(deps.db, runWindowStart(deps.clock.now()) - 24 * 3_600_000),
  };
}

export type CheckService = ReturnType<typeof createCheckService>;

/** Whether a flow renders a secret anywhere (`{{secrets.NAME}}` in any field of any step or variable). */
function usesSecrets(input: CheckInput): boolean {
  return /\{\{\s*secrets\./.test(JSON.stringify(input));
}
