import type { MessageKey, Translate } from '../../lib/i18n';
import type { CheckFormValues } from './check-form-values';

/** Labels of the path segments the summary names; other segments (record keys) are shown as they are. */
const SEGMENT_LABELS: Readonly<Record<string, MessageKey>> = {
  name: 'field.stepName',
  description: 'form.description',
  enabled: 'form.enabled',
  intervalSeconds: 'form.intervalSeconds',
  tags: 'form.tags',
  business: 'form.business',
  channel: 'form.channel',
  region: 'form.region',
  locations: 'form.locations',
  variables: 'form.variables',
  flowTimeoutMs: 'form.flowTimeoutMs',
  kind: 'field.kind',
  method: 'field.method',
  url: 'field.url',
  headers: 'field.headers',
  body: 'field.body',
  form: 'field.form',
  json: 'field.json',
  auth: 'field.auth',
  username: 'field.username',
  password: 'field.password',
  token: 'field.token',
  clientCertificate: 'field.clientCertificate',
  certPem: 'field.certPem',
  keyPem: 'field.keyPem',
  passphrase: 'field.passphrase',
  timeoutMs: 'field.timeoutMs',
  expectStatus: 'field.expectStatus',
  bodyContains: 'field.bodyContains',
  maxLatencyMs: 'field.maxLatencyMs',
  maxRedirects: 'field.maxRedirects',
  insecureTls: 'field.insecureTls',
  host: 'field.host',
  port: 'field.port',
  send: 'field.send',
  expect: 'field.expect',
  recordType: 'field.recordType',
  resolver: 'field.resolver',
  query: 'field.dnsName',
  expectAnswers: 'field.expectAnswers',
  servername: 'field.servername',
  minDaysToExpiry: 'field.minDaysToExpiry',
  requireTrustedChain: 'field.requireTrustedChain',
  actions: 'field.actions',
  action: 'field.action',
  selector: 'field.selector',
  value: 'field.value',
  key: 'field.key',
  state: 'field.state',
  text: 'field.text',
  viewport: 'field.viewport',
  width: 'field.viewportWidth',
  height: 'field.viewportHeight',
  screenshotOnSuccess: 'field.screenshotOnSuccess',
  durationMs: 'field.durationMs',
  extract: 'rules.extract',
  assert: 'rules.assert',
  variable: 'rules.variable',
  from: 'rules.from',
  expression: 'rules.expression',
  secret: 'rules.secret',
  subject: 'rules.subject',
  comparison: 'rules.comparison',
};

/** Lists whose entries are numbered in the summary ("Assertions #1"). */
const NUMBERED_LISTS: ReadonlySet<string> = new Set([
  'extract',
  'assert',
  'actions',
  'expectAnswers',
  'tags',
]);

function labelOf(segment: string, t: Translate): string {
  const key = SEGMENT_LABELS[segment];
  return key ? t(key) : segment;
}

/**
 * Where a problem is, in words: `steps.1.assert.0.expression` → "Step 2 (HTTP) › Assertions #1 › Expression".
 * The check's own `name` is the check name; a step's `name` is the step name.
 */
export function describeIssueLocation(path: string, values: CheckFormValues, t: Translate): string {
  const segments = path.split('.').filter((segment) => segment !== '');
  if (segments.length === 0) return t('issues.wholeCheck');
  if (segments[0] !== 'steps') {
    if (segments[0] === 'name') return t('form.name');
    return segments.map((segment) => labelOf(segment, t)).join(' › ');
  }
  const index = Number(segments[1]);
  if (segments[1] === undefined || !Number.isInteger(index)) return t('flow.title');
  const step = values.steps[index];
  const stepLabel = step
    ? t('issues.step', { index: index + 1, kind: t(`stepKind.${step.kind}`) })
    : t('flow.stepTitle', { index: index + 1 });
  const parts = [stepLabel];
  const rest = segments.slice(2);
  rest.forEach((segment, position) => {
    const previous = rest[position - 1];
    if (previous !== undefined && NUMBERED_LISTS.has(previous) && /^\d+$/.test(segment)) {
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} #${Number(segment) + 1}`;
    } else {
      parts.push(labelOf(segment, t));
    }
  });
  return parts.join(' › ');
}
