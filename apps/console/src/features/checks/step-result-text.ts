import type { AssertionResult, StepResult } from '@ganzhi/contracts';
import { formatLatencyMs } from '../../lib/format-latency';
import type { Locale, MessageKey, Translate } from '../../lib/i18n';
import { SOURCE_LABELS } from '../../lib/server-text';

// Probes name their facts and assertions with stable English identifiers (packages/probes: `detail` keys such as
// `firstByte…`, assertion names such as `body contains`, outcomes such as `not found`). These read them in the
// user's language; anything else is shown as the probe wrote it.

const DETAIL_NAMES: Readonly<Record<string, MessageKey>> = Object.fromEntries(
  [
    'status',
    'httpVersion',
    'contentType',
    'location',
    'bytes',
    'bodyTruncated',
    'remoteAddress',
    'remotePort',
    'tlsProtocol',
    'tlsCipher',
    'tlsAuthorized',
    'tlsCertValidTo',
    'redirects',
    'finalUrl',
    'bytesReceived',
    'durationMs',
    'pageLoadMs',
    'domContentLoadedMs',
    'firstContentfulPaintMs',
    'title',
    'consoleErrors',
    'failedRequests',
    'whiteScreen',
    'answerCount',
    'resolver',
    'recordType',
    'protocol',
    'cipher',
    'subject',
    'issuer',
    'subjectAltNames',
    'validTo',
    'daysToExpiry',
    'chainLength',
    'authorized',
    'authorizationError',
  ].map((name) => [name, `stepDetail.${name}` as MessageKey]),
);

const DATE_DETAILS = new Set(['tlsCertValidTo', 'validTo']);
const BYTE_DETAILS = new Set(['bytes', 'bytesReceived']);

/** The name of a step's fact (`firstContentfulPaintMs` → 首次内容绘制). */
export function detailNameText(name: string, t: Translate): string {
  const key = DETAIL_NAMES[name];
  return key ? t(key) : name;
}

/** A fact's value for reading: durations in ms or s, dates in the user's locale, yes/no, the system resolver. */
export function detailValueText(
  name: string,
  value: StepResult['detail'][string],
  context: { t: Translate; locale: Locale },
): string {
  const { t, locale } = context;
  if (typeof value === 'boolean') return t(value ? 'stepDetail.yes' : 'stepDetail.no');
  if (value === null) return '—';
  if (typeof value === 'number' && name.endsWith('Ms')) return formatLatencyMs(value);
  if (typeof value === 'number' && BYTE_DETAILS.has(name))
    return t('stepDetail.bytesValue', { value: value.toLocaleString(locale) });
  if (typeof value === 'string' && DATE_DETAILS.has(name) && !Number.isNaN(Date.parse(value)))
    return new Date(value).toLocaleString(locale);
  if (name === 'resolver' && value === 'system') return t('stepDetail.systemResolver');
  return String(value);
}

/** An assertion's name as a label in the user's language and, apart, the expression it reads (shown as code). */
export interface AssertionNameText {
  readonly label: string;
  readonly code: string;
}

const FIXED_NAMES: Readonly<Record<string, MessageKey>> = {
  status: 'assertion.status',
  'body contains': 'assertion.bodyContains',
  latency: 'assertion.latency',
  expect: 'assertion.tcpExpect',
  answer: 'assertion.dnsAnswer',
  'days to expiry': 'assertion.daysToExpiry',
  'trusted chain': 'assertion.trustedChain',
  hostname: 'assertion.hostname',
  'page shows content': 'assertion.pageShowsContent',
};

/** The subjects of a flow's own assertions (`jsonPath $.code`), named as the editor names them. */
const SUBJECTS = SOURCE_LABELS;

const BROWSER_ACTIONS: Readonly<Record<string, MessageKey>> = Object.fromEntries(
  [
    'goto',
    'click',
    'fill',
    'select',
    'press',
    'waitForSelector',
    'waitForText',
    'waitForNavigation',
    'assertText',
    'assertVisible',
  ].map((action) => [action, `action.${action}` as MessageKey]),
);

/** `action 2 (click #login)`: one action of a browser step, as that step's assertion. */
const BROWSER_ACTION_NAME = /^action (\d+) \((\w+)(?: (.*))?\)$/s;

/**
 * An assertion's name in the user's language: a probe's own check (`body contains` → 响应包含), a flow rule's
 * subject with its expression (`jsonPath $.code` → JSONPath + `$.code`), a browser action
 * (`action 2 (click #login)` → 动作 2 点击 + `#login`).
 */
export function assertionNameText(name: string, t: Translate): AssertionNameText {
  const fixed = FIXED_NAMES[name];
  if (fixed) return { label: t(fixed), code: '' };
  const action = BROWSER_ACTION_NAME.exec(name);
  const actionKey = action ? BROWSER_ACTIONS[action[2] ?? ''] : undefined;
  if (action && actionKey)
    return {
      label: `${t('assertion.action', { index: action[1] ?? '' })} ${t(actionKey)}`,
      code: action[3] ?? '',
    };
  const space = name.indexOf(' ');
  const subject = SUBJECTS[space === -1 ? name : name.slice(0, space)];
  if (subject) return { label: t(subject), code: space === -1 ? '' : name.slice(space + 1) };
  return { label: '', code: name };
}

const COMPARISONS = [
  'notContains',
  'notEquals',
  'notExists',
  'equals',
  'contains',
  'matches',
  'lessOrEqual',
  'lessThan',
  'greaterOrEqual',
  'greaterThan',
  'exists',
] as const;

const OUTCOMES: Readonly<Record<string, MessageKey>> = {
  found: 'assertion.value.found',
  'not found': 'assertion.value.notFound',
  visible: 'assertion.value.visible',
  'not visible': 'assertion.value.notVisible',
  hidden: 'assertion.value.hidden',
  attached: 'assertion.value.attached',
  detached: 'assertion.value.detached',
  present: 'assertion.value.present',
  missing: 'assertion.value.missing',
  'white screen': 'assertion.value.whiteScreen',
  content: 'assertion.value.content',
  'visible content': 'assertion.value.visibleContent',
  '(absent)': 'assertion.value.absent',
  unreadable: 'assertion.value.unreadable',
  trusted: 'assertion.value.trusted',
  match: 'assertion.value.match',
  done: 'assertion.value.done',
  'timed out': 'assertion.value.timedOut',
  aborted: 'assertion.value.aborted',
  blocked: 'assertion.value.blocked',
  'a page loaded': 'assertion.value.pageLoaded',
  'no names': 'assertion.value.noNames',
};

/** A probe's word for an outcome or expectation (`not found`, `>= 30 days`, `(cannot evaluate: …)`), translated. */
function outcomeText(text: string, t: Translate): string | null {
  const outcome = OUTCOMES[text];
  if (outcome) return t(outcome);
  const days = /^(-?\d+) days$/.exec(text);
  if (days) return t('assertion.days', { count: days[1] ?? '' });
  const atLeastDays = /^>= (\d+) days$/.exec(text);
  if (atLeastDays) return t('assertion.atLeastDays', { count: atLeastDays[1] ?? '' });
  const atMost = /^<= (.+)$/.exec(text);
  if (atMost) return t('assertion.atMost', { value: atMost[1] ?? '' });
  const statusBelow = /^status < (\d+)$/.exec(text);
  if (statusBelow) return t('assertion.statusBelow', { status: statusBelow[1] ?? '' });
  const contains = /^contains "(.*)"$/s.exec(text);
  if (contains) return t('assertion.containsText', { text: contains[1] ?? '' });
  const cannot = /^\(cannot evaluate: (.*)\)$/s.exec(text);
  if (cannot) return t('assertion.cannotEvaluate', { reason: cannot[1] ?? '' });
  return null;
}

/**
 * What an assertion expected, in the user's language: a flow rule's comparison and value (`greaterThan 3` →
 * 大于 3), a probe's own expectation (`>= 30 days` → ≥ 30 天); a literal (an expected status `2xx`, a text the body
 * should contain) as written.
 */
export function expectedText(assertion: AssertionResult, t: Translate): string {
  const { expected } = assertion;
  const comparison = COMPARISONS.find((name) => expected === name || expected.startsWith(`${name} `));
  if (comparison) return `${t(`comparison.${comparison}`)}${expected.slice(comparison.length)}`;
  return outcomeText(expected, t) ?? expected;
}

/** What was found, in the user's language where the probe used a word for it; values as they were read. */
export function actualText(assertion: AssertionResult, t: Translate): string {
  return outcomeText(assertion.actual, t) ?? assertion.actual;
}

/** An assertion in one line: `状态码，期望 2xx，实际 500`. */
function failedAssertionText(assertion: AssertionResult, t: Translate): string {
  const { label, code } = assertionNameText(assertion.name, t);
  return t('stepError.assertion', {
    name: [label, code].filter(Boolean).join(' '),
    expected: expectedText(assertion, t),
    actual: actualText(assertion, t),
  });
}

// The configuration failures a run reports, as packages/probes/src/flow/render-templates.ts words them.
const MISSING_SECRET =
  /^secret \{\{secrets\.([A-Za-z_][A-Za-z0-9_]*)\}\} in (\S+) has no value on this agent/;
const UNKNOWN_VARIABLE = /^unknown variable \{\{([^}]+)\}\} in (\S+)$/;

/**
 * Why a step failed, in the user's language: a failed assertion from the step's own results; a secret the agent
 * lacks or a variable nothing defines from the probe's message; any other message (a network error's) as written.
 */
export function stepErrorText(
  step: Pick<StepResult, 'errorClass' | 'errorMessage' | 'assertions'>,
  t: Translate,
): string | null {
  const message = step.errorMessage;
  if (message === null) return null;
  const failed = step.assertions.find((assertion) => !assertion.ok);
  if (failed && (step.errorClass === 'assertion' || step.errorClass === 'http_status'))
    return failedAssertionText(failed, t);
  const secret = MISSING_SECRET.exec(message);
  if (secret) return t('stepError.missingSecret', { name: secret[1] ?? '', where: secret[2] ?? '' });
  const variable = UNKNOWN_VARIABLE.exec(message);
  if (variable) return t('stepError.unknownVariable', { name: variable[1] ?? '', where: variable[2] ?? '' });
  return message;
}

/**
 * Why a run failed, in the user's language: its failed step's reason (the run's own message repeats it after
 * `step N (name): `), else the run's message read the same way.
 */
export function runErrorText(
  run: Pick<StepResult, 'errorClass' | 'errorMessage'> & { readonly steps: readonly StepResult[] },
  t: Translate,
): string | null {
  const failed = run.steps.find((step) => !step.ok && step.errorMessage !== null);
  if (failed) return stepErrorText(failed, t);
  return stepErrorText({ errorClass: run.errorClass, errorMessage: run.errorMessage, assertions: [] }, t);
}
