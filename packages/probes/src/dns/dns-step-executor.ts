import { promises as dnsPromises } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import { performance } from 'node:perf_hooks';
import ipaddr from 'ipaddr.js';
import type { AssertionResult, DnsRecordType, DnsStep, ErrorClass, StepResult } from '@ganzhi/contracts';
import { BlockedAddressError, admitHost } from '../safety/guarded-lookup.js';
import { classifySocketError, describeSocketError, errorCodeOf } from '../socket/classify-socket-error.js';
import type { StepContext, StepExecutor, StepOutcome } from '../step-executor.js';

type Resolver = InstanceType<typeof dnsPromises.Resolver>;

/**
 * c-ares answers that mean "the name did not resolve as asked": NXDOMAIN, no records of the type, SERVFAIL, REFUSED,
 * and malformed or unsupported replies. Each is a `dns` failure, with the code in the message.
 */
const DNS_ANSWER_CODES = new Set([
  'ENOTFOUND',
  'ENODATA',
  'ESERVFAIL',
  'EREFUSED',
  'EFORMERR',
  'ENOTIMP',
  'EBADRESP',
  'EBADNAME',
]);

/** How many answers a failed `expectAnswers` message lists; the observation has them all. */
const MAX_ANSWERS_IN_MESSAGE = 5;

/** The step's time budget ran out, or the flow was aborted, before the resolver answered. */
class DnsInterruptedError extends Error {
  readonly code = 'EINTERRUPTED';
}

/**
 * The executor for `dns` steps: asks one resolver (or the system's) for one record type with a single try, formats
 * the answers as text (MX as "priority exchange", TXT chunks joined) and checks each of `expectAnswers` is present.
 * A chosen resolver must pass the address policy; the addresses in its answers need not, as nothing connects to them.
 *
 * @example
 * const { result } = await dnsStepExecutor.execute({ kind: 'dns', query: 'ganzhi.example', recordType: 'MX', … }, ctx);
 */
export const dnsStepExecutor: StepExecutor<DnsStep> = {
  kind: 'dns',
  execute: executeDnsStep,
};

async function executeDnsStep(step: DnsStep, context: StepContext): Promise<StepOutcome> {
  const label =
    step.name ??
    `dns ${step.recordType} ${step.query}${step.resolver === undefined ? '' : ` @${step.resolver}`}`;
  const base = {
    index: context.index,
    kind: 'dns',
    name: label,
    startedAt: new Date(context.clock.now()).toISOString(),
  };
  const detail = { answerCount: null, resolver: step.resolver ?? 'system', recordType: step.recordType };
  const startMs = performance.now();
  let isQuerySent = false;
  let answers: string[];
  try {
    const resolver = createResolver(step, context);
    isQuerySent = true;
    answers = await queryWithin(step, context, resolver);
  } catch (error) {
    const totalMs = roundMs(performance.now() - startMs);
    const { errorClass, errorMessage } = classifyDnsError(error, step);
    const timings = timingsOf(totalMs, isQuerySent);
    const result: StepResult = {
      ...base,
      ok: false,
      timings,
      errorClass,
      errorMessage,
      assertions: [],
      detail,
    };
    return { result };
  }
  const totalMs = roundMs(performance.now() - startMs);
  const assertions = step.expectAnswers.map((expected) => checkAnswer(step.recordType, expected, answers));
  const failed = assertions.find((assertion) => !assertion.ok);
  const result: StepResult = {
    ...base,
    ok: failed === undefined,
    timings: timingsOf(totalMs, true),
    errorClass: failed ? 'assertion' : null,
    errorMessage: failed ? `answer ${failed.expected} missing (got ${summarise(answers)})` : null,
    assertions,
    detail: { ...detail, answerCount: answers.length },
  };
  return { result, observation: { latencyMs: totalMs, body: answers.join('\n') } };
}

/** A resolver for this step alone (servers are per resolver), checked against the policy before any query. */
function createResolver(step: DnsStep, context: StepContext): Resolver {
  if (context.signal.aborted) throw new DnsInterruptedError('aborted before the query was sent');
  // One try: a retry would hide the packet loss a probe exists to see, and double the time to a verdict.
  const resolver = new dnsPromises.Resolver({ timeout: step.timeoutMs, tries: 1 });
  // The system's resolvers are the host's own configuration, like the ones every other step's lookups use.
  if (step.resolver === undefined) return resolver;
  resolver.setServers([admitResolver(context, step.resolver)]);
  return resolver;
}

/**
 * The resolver as c-ares takes it (`IP:port`, `[IPv6]:port`), its address in standard notation and judged by the
 * policy. Odd spellings (`2130706433`, `0x7f.1`) are read as the address they are; names and anything else that
 * is not `IP`, `IP:port`, `[IPv6]`, `[IPv6]:port` or a bare IPv6 address are refused.
 */
function admitResolver(context: StepContext, resolver: string): string {
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(resolver);
  const plain = /^([^:[\]]+)(?::(\d{1,5}))?$/.exec(resolver);
  const [host, portText] = isIPv6(resolver)
    ? [resolver, undefined]
    : [bracketed?.[1] ?? plain?.[1], bracketed?.[2] ?? plain?.[2]];
  const port = portText === undefined ? 53 : Number(portText);
  if (host === undefined || port < 1 || port > 65_535) throw notAResolver(resolver);
  const address = admitHost(context.addressPolicy, host);
  if (isIP(address) === 0) throw notAResolver(resolver);
  return isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function notAResolver(resolver: string): BlockedAddressError {
  return new BlockedAddressError(`resolver "${resolver}" is not an IP address with an optional port`);
}

/**
 * The query, bounded by the step's timeout and the flow's signal as well as c-ares's own timeout: whichever ends
 * first cancels the query, so a silent resolver never holds the flow past its budget.
 */
function queryWithin(step: DnsStep, context: StepContext, resolver: Resolver): Promise<string[]> {
  const { signal } = context;
  return new Promise<string[]>((resolve, reject) => {
    const stop = (error: Error): void => {
      reject(error);
      resolver.cancel();
    };
    const onAbort = (): void =>
      stop(new DnsInterruptedError(`aborted while waiting for ${describeResolver(step)}`));
    const timer = setTimeout(() => stop(timedOut(step)), step.timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    void queryRecords(resolver, step.query, step.recordType)
      .then(resolve, reject)
      .finally(() => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      });
  });
}

async function queryRecords(resolver: Resolver, name: string, recordType: DnsRecordType): Promise<string[]> {
  switch (recordType) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX': {
      const records = await resolver.resolveMx(name);
      // Resolvers may rotate records; listed in preference order, runs compare cleanly.
      return records.sort((a, b) => a.priority - b.priority).map((mx) => `${mx.priority} ${mx.exchange}`);
    }
    case 'TXT':
      // A TXT record is split into strings of at most 255 bytes on the wire; the chunks are one value to users.
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}

function classifyDnsError(error: unknown, step: DnsStep): { errorClass: ErrorClass; errorMessage: string } {
  if (error instanceof DnsInterruptedError) return { errorClass: 'timeout', errorMessage: error.message };
  const code = errorCodeOf(error);
  // c-ares's own timeout (ETIMEOUT, unlike the socket's ETIMEDOUT) ends the same budget as ours.
  if (code === 'ETIMEOUT') return { errorClass: 'timeout', errorMessage: timedOut(step).message };
  const errorClass = code !== undefined && DNS_ANSWER_CODES.has(code) ? 'dns' : classifySocketError(error);
  return { errorClass, errorMessage: describeSocketError(error, errorClass) };
}

function timedOut(step: DnsStep): DnsInterruptedError {
  return new DnsInterruptedError(
    `timed out after ${step.timeoutMs} ms waiting for ${describeResolver(step)}`,
  );
}

function describeResolver(step: DnsStep): string {
  return step.resolver ?? 'the system resolver';
}

/** Compared as a user means them: IPv6 in any notation, names without case or the root dot, TXT exactly. */
function checkAnswer(
  recordType: DnsRecordType,
  expected: string,
  answers: readonly string[],
): AssertionResult {
  const wanted = normaliseAnswer(recordType, expected);
  const ok = answers.some((answer) => normaliseAnswer(recordType, answer) === wanted);
  return { name: 'answer', ok, expected, actual: ok ? 'present' : 'missing' };
}

function normaliseAnswer(recordType: DnsRecordType, answer: string): string {
  const trimmed = answer.trim();
  switch (recordType) {
    case 'A':
    case 'AAAA':
      return ipaddr.isValid(trimmed) ? ipaddr.parse(trimmed).toString() : trimmed;
    case 'CNAME':
    case 'NS':
      return normaliseHostName(trimmed);
    case 'MX': {
      const [priority = '', exchange = ''] = trimmed.split(/\s+/);
      return `${priority} ${normaliseHostName(exchange)}`;
    }
    case 'TXT':
      return answer;
  }
}

function normaliseHostName(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

function summarise(answers: readonly string[]): string {
  if (answers.length === 0) return 'no answers';
  const listed = answers.slice(0, MAX_ANSWERS_IN_MESSAGE).join(', ');
  return answers.length > MAX_ANSWERS_IN_MESSAGE
    ? `${listed} and ${answers.length - MAX_ANSWERS_IN_MESSAGE} more`
    : listed;
}

/** The whole step is the lookup: dnsMs is the total, unless no query went out (blocked, aborted beforehand). */
function timingsOf(totalMs: number, isQuerySent: boolean): StepResult['timings'] {
  return {
    dnsMs: isQuerySent ? totalMs : null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    downloadMs: null,
    totalMs,
  };
}

/** Microsecond precision, as for the other executors' phases. */
function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
