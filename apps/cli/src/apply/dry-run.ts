// `ganzhi apply --dry-run`: the server's own validation of the checks, committing nothing; local checks without one.
import type { CheckInput, DimensionsInput } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { requestServer, type ServerAccess, type ServerIssue } from '../commands/server-access.js';
import { checkResultsSchema } from '../commands/server-answers.js';
import { locateIssue, sentIndexOf } from './locate-refusal.js';
import { findFlowProblems, type Sourced, type ValidDefinitions } from './validate-definitions.js';

/** What the dry run learnt from the server about the checks. */
type ServerVerdict =
  | { readonly kind: 'planned'; readonly results: readonly { name: string; action: string }[] }
  | { readonly kind: 'refused'; readonly problems: readonly string[] }
  | { readonly kind: 'skipped'; readonly reason: string };

/** Codes the files define in `{ dimensions: … }` documents, which a real apply sends before the checks. */
interface PlannedCodes {
  readonly channel: ReadonlySet<string>;
  readonly business: ReadonlySet<string>;
  readonly region: ReadonlySet<string>;
}

function plannedCodes(dimensions: readonly Sourced<DimensionsInput>[]): PlannedCodes {
  const codes = (pick: (input: DimensionsInput) => readonly { code: string }[]) =>
    new Set(dimensions.flatMap(({ input }) => pick(input).map((item) => item.code)));
  return {
    channel: codes((input) => input.channels),
    business: codes((input) => input.businesses),
    region: codes((input) => input.regions),
  };
}

/**
 * Whether the server refused a reference only because the dimension it names is defined in these same files and
 * not applied yet: a real apply sends dimensions first, so that check would pass. A location may be a region code.
 */
function isDefinedInFiles(issue: ServerIssue, check: CheckInput | undefined, planned: PlannedCodes): boolean {
  if (!check) return false;
  const field = issue.path.split('.').slice(2);
  const [name, index] = field;
  if (field.length === 1 && (name === 'channel' || name === 'business' || name === 'region')) {
    const code = check[name];
    return code !== null && planned[name].has(code);
  }
  if (field.length === 2 && name === 'locations') {
    const code = check.locations[Number(index)];
    return code !== undefined && planned.region.has(code);
  }
  return false;
}

async function askServer(options: ServerAccess, valid: ValidDefinitions): Promise<ServerVerdict> {
  const checks = valid.checks;
  const reply = await requestServer(options, 'api/v1/checks/validate', {
    method: 'POST',
    body: { checks: checks.map((check) => check.input) },
    parser: checkResultsSchema,
  });
  if (reply.ok) return { kind: 'planned', results: reply.body.results };
  const { failure } = reply;
  if (failure.kind !== 'refused') return { kind: 'skipped', reason: failure.message };
  if (failure.status === 404)
    return {
      kind: 'skipped',
      reason: `the server at ${options.server} has no dry run for checks (an older version)`,
    };
  if (failure.issues.length === 0)
    return {
      kind: 'refused',
      problems: [`server refused the dry run (${failure.status}): ${failure.message}`],
    };
  const planned = plannedCodes(valid.dimensions);
  const issues = failure.issues.filter(
    (issue) => !isDefinedInFiles(issue, checks[sentIndexOf(issue, 'checks') ?? -1]?.input, planned),
  );
  // Refused only for dimensions these files define: everything else passed, as the real apply will.
  if (issues.length === 0) return { kind: 'planned', results: [] };
  const sent = { list: 'checks', sources: checks.map((check) => check.source), label: '(check)' };
  return { kind: 'refused', problems: issues.map((issue) => locateIssue(issue, sent)) };
}

function describeValid(valid: ValidDefinitions): string {
  return `${valid.checks.length} check(s), ${valid.dimensions.length} dimension document(s), ${valid.indicators.length} indicator(s), ${valid.users.length} user(s)`;
}

/**
 * Validates without applying. When the files hold checks and a server answers, it validates them exactly as a save
 * would (its rights, dimensions, locations and what they can run, flows) and commits nothing; without one, the
 * flows are checked here and the output says plainly what was skipped and why. `problems` holds what the local
 * schema check found: the schema-valid checks still go to the server, so every problem is reported at once.
 */
export async function dryRun(
  options: ServerAccess,
  valid: ValidDefinitions,
  problems: readonly string[],
): Promise<void> {
  const all = [...problems];
  const verdict: ServerVerdict =
    valid.checks.length > 0 ? await askServer(options, valid) : { kind: 'planned', results: [] };
  if (verdict.kind === 'refused') all.push(...verdict.problems);
  if (verdict.kind === 'skipped') {
    findFlowProblems(valid.checks, all);
    output.error(
      `server-side checks skipped: ${verdict.reason}. Not checked: the channels, businesses, regions and locations the checks name, the step kinds those locations can run, and your right to change the checks.`,
    );
  }
  if (valid.dimensions.length + valid.indicators.length + valid.users.length > 0)
    output.error(
      'dimensions, indicators and users were checked against their schema only (the server checks them when they are applied)',
    );
  if (all.length > 0) {
    output.error(`${all.length} problem(s); nothing applied (dry run):`);
    for (const problem of all) output.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  if (verdict.kind === 'planned')
    for (const result of verdict.results) output.line(`would ${result.action.padEnd(7)} ${result.name}`);
  const by = verdict.kind === 'planned' && valid.checks.length > 0 ? 'the server' : 'local checks only';
  output.line(`${describeValid(valid)} valid (dry run, validated by ${by}; nothing applied)`);
}
