import type { DimensionsInput } from '@ganzhi/contracts';
import { output } from '../cli-output.js';
import { dryRun } from '../apply/dry-run.js';
import { locateIssue, type SentDocuments } from '../apply/locate-refusal.js';
import { readDefinitions } from '../apply/read-definitions.js';
import { validateDefinitions, type ValidDefinitions } from '../apply/validate-definitions.js';
import { reportFailure, requestServer, type ServerAccess, type ServerRequest } from './server-access.js';
import { anyAnswerSchema, checkResultsSchema, userResultsSchema } from './server-answers.js';

export interface ApplyOptions extends ServerAccess {
  readonly file: string;
  readonly dryRun?: boolean;
}

/**
 * Validates everything locally and prints every problem at once; only then applies, in dependency order:
 * dimensions, then users (role bindings and regions, all or nothing), then indicators (each checked again by the
 * server: formula and thresholds), then all checks in one all-or-nothing request. A server refusal stops before the
 * next kind, its fields named in the files like local problems (`file#document.item: field: message`).
 * With `dryRun`, nothing is applied: see `dryRun` for what the server validates then.
 */
export async function applyCommand(options: ApplyOptions): Promise<void> {
  const problems: string[] = [];
  let valid: ValidDefinitions;
  try {
    valid = validateDefinitions(await readDefinitions(options.file, problems), problems);
  } catch (error) {
    output.error(`cannot read ${options.file}: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    return;
  }
  const total = valid.checks.length + valid.dimensions.length + valid.indicators.length + valid.users.length;
  if (total === 0 && problems.length === 0) {
    output.error('no definitions found; nothing applied');
    process.exitCode = 1;
    return;
  }
  if (options.dryRun) return dryRun(options, valid, problems);
  if (problems.length > 0) {
    output.error(`${problems.length} problem(s); nothing applied:`);
    for (const problem of problems) output.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  await applyValid(options, valid);
}

async function applyValid(options: ApplyOptions, valid: ValidDefinitions): Promise<void> {
  for (const { source, input } of valid.dimensions) {
    const sent = { sources: [source], label: '(dimensions)' };
    if (
      !(await send(
        options,
        { path: 'api/v1/dimensions', method: 'PUT', body: input, parser: anyAnswerSchema, followed: true },
        sent,
      ))
    )
      return;
    output.line(`applied  dimensions (${describeDimensions(input)})`);
  }
  if (valid.users.length > 0) {
    const sent = { list: 'users', sources: valid.users.map((user) => user.source), label: '(user)' };
    const body = await send(
      options,
      {
        path: 'api/v1/users/apply',
        method: 'POST',
        body: { users: valid.users.map((user) => user.input) },
        parser: userResultsSchema,
        followed: true,
      },
      sent,
    );
    if (!body) return;
    for (const result of body.results) output.line(`${result.action.padEnd(8)} user ${result.username}`);
  }
  for (const { source, input } of valid.indicators) {
    const path = `api/v1/indicators/${encodeURIComponent(input.id)}`;
    const sent = { sources: [source], label: '(indicator)' };
    const request = { path, method: 'PUT', body: input, parser: anyAnswerSchema, followed: true } as const;
    if (!(await send(options, request, sent))) return;
    output.line(`applied  indicator ${input.id}`);
  }
  if (valid.checks.length === 0) return;
  const sent = { list: 'checks', sources: valid.checks.map((check) => check.source), label: '(check)' };
  const body = await send(
    options,
    {
      path: 'api/v1/checks/apply',
      method: 'POST',
      body: { checks: valid.checks.map((check) => check.input) },
      parser: checkResultsSchema,
      followed: false,
    },
    sent,
  );
  for (const result of body?.results ?? []) output.line(`${result.action.padEnd(8)} ${result.name}`);
}

/** One request of the apply; `followed` when definitions of later kinds wait for it (the checks come last). */
interface ApplyRequest<T> extends ServerRequest<T> {
  readonly path: string;
  readonly followed: boolean;
}

/**
 * Sends one request of the apply. On a refusal, prints each refused field at the file and document it came from
 * (and that what follows was not sent); on any other failure, prints it as is.
 */
async function send<T>(
  options: ApplyOptions,
  request: ApplyRequest<T>,
  sent: SentDocuments,
): Promise<T | undefined> {
  const reply = await requestServer(options, request.path, request);
  if (reply.ok) return reply.body;
  const { failure } = reply;
  if (failure.kind !== 'refused') {
    reportFailure(failure);
    return undefined;
  }
  process.exitCode = 1;
  output.error(`server refused (${failure.status}): ${failure.message}`);
  for (const issue of failure.issues) output.error(`  ${locateIssue(issue, sent)}`);
  if (request.followed) {
    const where =
      sent.list === undefined
        ? `${sent.sources.join(', ')}; the definitions after it`
        : `the ${sent.list}; the definitions after them`;
    output.error(`  in ${where} were not applied`);
  }
  return undefined;
}

function describeDimensions(input: DimensionsInput): string {
  return Object.entries(input)
    .filter((entry) => entry[1].length > 0)
    .map(([kind, list]) => `${list.length} ${kind}`)
    .join(', ');
}
