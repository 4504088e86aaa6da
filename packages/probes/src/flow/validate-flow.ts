import {
  listPlaceholders,
  type IssueCode,
  type MessageParams,
  type Step,
  type StepKind,
} from '@ganzhi/contracts';
import { BUILTIN_VARIABLES, SECRET_PREFIX } from './flow-variables.js';
import { findJsonPathProblem } from './json-path.js';
import { findPatternProblem } from './safe-regex.js';

/**
 * A problem found before a flow runs, with the exact field (`steps.1.url`), the stable code clients translate it by
 * and that text's params; `message` is the English.
 */
export interface FlowIssue {
  readonly path: string;
  readonly message: string;
  readonly code: IssueCode;
  readonly params: MessageParams;
}

/** A problem not yet placed on a field. */
type Problem = Omit<FlowIssue, 'path'>;

export interface ValidateFlowInput {
  readonly steps: readonly Step[];
  /** The check's initial variables. */
  readonly variables: Readonly<Record<string, string>>;
  /** Kinds the agents that will run the flow support; everything when absent. */
  readonly supportedKinds?: ReadonlySet<StepKind>;
}

// Which step kinds can produce which extraction sources and assertion subjects.
const HTTP_ONLY = new Set(['status', 'header', 'cookie']);
const BROWSER_ONLY = new Set(['css', 'text', 'element']);
const BODY_BASED = new Set(['jsonPath', 'regex', 'body']);

function checkSourceFits(kind: StepKind, source: string): Problem | null {
  if (HTTP_ONLY.has(source) && kind !== 'http')
    return {
      code: 'source_http_only',
      params: { source },
      message: `"${source}" is only available on http steps`,
    };
  if (BROWSER_ONLY.has(source) && kind !== 'browser')
    return {
      code: 'source_browser_only',
      params: { source },
      message: `"${source}" is only available on browser steps`,
    };
  if (BODY_BASED.has(source) && (kind === 'wait' || kind === 'tls'))
    return { code: 'source_no_body', params: { kind }, message: `a ${kind} step has no body to read` };
  return null;
}

function patternProblem(expression: string): Problem | null {
  const message = findPatternProblem(expression);
  if (message === null) return null;
  // Backreferences and lookaround are refused by name before the engine compiles; anything else is its syntax error.
  const code = message.startsWith('invalid regular expression') ? 'invalid_regex' : 'regex_unsupported';
  return { code, params: { detail: message }, message };
}

/** Expressions are tried with the engines and settings runs use, so what fails at run is refused here. */
function checkExpression(source: string, expression: string): Problem | null {
  if (source === 'jsonPath') {
    const message = findJsonPathProblem(expression);
    return message === null ? null : { code: 'invalid_json_path', params: { detail: message }, message };
  }
  if (source === 'regex') return patternProblem(expression);
  if ((source === 'header' || source === 'cookie') && expression.trim() === '')
    return { code: 'expression_required', params: { source }, message: `name the ${source}` };
  if ((source === 'css' || source === 'element') && !isBalancedSelector(expression))
    return { code: 'invalid_selector', params: {}, message: 'invalid selector' };
  return null;
}

/** A cheap selector sanity check (the browser is the final judge): non-empty, brackets and quotes balanced. */
export function isBalancedSelector(selector: string): boolean {
  if (selector.trim() === '') return false;
  const closing: Record<string, string> = { '[': ']', '(': ')' };
  const stack: string[] = [];
  let quote: string | null = null;
  for (const char of selector) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") quote = char;
    else if (char in closing) stack.push(closing[char] ?? '');
    else if (char === ']' || char === ')') {
      if (stack.pop() !== char) return false;
    }
  }
  return quote === null && stack.length === 0;
}

function collectStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value))
    value.forEach((item, index) => collectStrings(item, `${path}.${index}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collectStrings(item, `${path}.${key}`, out);
  }
}

/** Built-ins and well-formed secret references, defined wherever a placeholder stands. */
function isAlwaysDefined(name: string): boolean {
  if (name in BUILTIN_VARIABLES) return true;
  return name.startsWith(SECRET_PREFIX) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name.slice(SECRET_PREFIX.length));
}

function checkPlaceholders(step: Step, at: string, known: ReadonlySet<string>): FlowIssue[] {
  const strings: { path: string; text: string }[] = [];
  collectStrings(step, at, strings);
  const issues: FlowIssue[] = [];
  for (const { path, text } of strings) {
    for (const name of listPlaceholders(text)) {
      if (!known.has(name) && !isAlwaysDefined(name)) {
        issues.push({
          path,
          code: 'unknown_variable',
          params: { name },
          message: `unknown variable {{${name}}}: define it in variables or extract it in an earlier step`,
        });
      }
    }
  }
  return issues;
}

/** Initial variables are rendered once, in order, before the first step: each may use those before it. */
function checkVariables(variables: Readonly<Record<string, string>>): FlowIssue[] {
  const defined = new Set<string>();
  const issues: FlowIssue[] = [];
  for (const [name, text] of Object.entries(variables)) {
    for (const placeholder of listPlaceholders(text)) {
      if (!defined.has(placeholder) && !isAlwaysDefined(placeholder))
        issues.push({
          path: `variables.${name}`,
          code: 'unknown_variable',
          params: { name: placeholder },
          message: `unknown variable {{${placeholder}}}: a variable may use built-ins, secrets and the variables before it`,
        });
    }
    defined.add(name);
  }
  return issues;
}

function checkRules(step: Step, at: string): FlowIssue[] {
  if (!('extract' in step)) return [];
  const issues: FlowIssue[] = [];
  step.extract.forEach((extraction, index) => {
    const problem =
      checkSourceFits(step.kind, extraction.from) ?? checkExpression(extraction.from, extraction.expression);
    if (problem) issues.push({ path: `${at}.extract.${index}.expression`, ...problem });
  });
  step.assert.forEach((assertion, index) => {
    const problem =
      checkSourceFits(step.kind, assertion.subject) ??
      checkExpression(assertion.subject, assertion.expression);
    if (problem) issues.push({ path: `${at}.assert.${index}.expression`, ...problem });
    if (assertion.comparison === 'matches' && typeof assertion.value === 'string') {
      const regexProblem = patternProblem(assertion.value);
      if (regexProblem) issues.push({ path: `${at}.assert.${index}.value`, ...regexProblem });
    }
  });
  return issues;
}

/**
 * Everything that can be known wrong about a flow before it runs, all at once: unknown variables (a variable must
 * be defined or extracted by an earlier step), expressions that would fail at run (JSONPath filters, regular
 * expressions the linear-time engine refuses, selectors), sources a step kind cannot provide, and step kinds the
 * assigned agents cannot run.
 */
export function validateFlow(input: ValidateFlowInput): FlowIssue[] {
  const known = new Set(Object.keys(input.variables));
  const issues: FlowIssue[] = checkVariables(input.variables);
  input.steps.forEach((step, index) => {
    const at = `steps.${index}`;
    if (input.supportedKinds && !input.supportedKinds.has(step.kind)) {
      issues.push({
        path: `${at}.kind`,
        code: 'step_kind_unsupported',
        params: { kind: step.kind },
        message: `"${step.kind}" steps are not supported at this location`,
      });
    }
    issues.push(...checkPlaceholders(step, at, known), ...checkRules(step, at));
    if ('extract' in step) for (const extraction of step.extract) known.add(extraction.variable);
  });
  return issues;
}
