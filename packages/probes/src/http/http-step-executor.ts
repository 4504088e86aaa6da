import type { HttpStep, PhaseTimings, StepResult } from '@ganzhi/contracts';
import { assertLiteralAllowed, createGuardedLookup } from '../safety/guarded-lookup.js';
import type { StepContext, StepExecutor, StepOutcome } from '../step-executor.js';
import { checkHttpAssertions } from './check-http-assertions.js';
import { classifySocketError } from '../socket/classify-socket-error.js';
import { exchangeHttp, type HttpExchangeResult, type HttpExchangeSettings } from './http-exchange.js';
import {
  authorizationOf,
  buildHeaders,
  encodeBody,
  flattenHeaders,
  nextHop,
} from './prepare-http-request.js';

export interface HttpStepExecutorOptions {
  /** PEM certificates to trust besides Node's bundled roots, e.g. an operator's private CA. */
  readonly trustedCaPem?: readonly string[];
  /** How much of the body checks and extraction can see; the default 1 MiB bounds memory per probe. */
  readonly maxBodySampleBytes?: number;
}

const DEFAULT_MAX_BODY_SAMPLE_BYTES = 1024 * 1024;

interface Hop {
  url: URL;
  method: HttpStep['method'];
  body: string | undefined;
}

/**
 * Builds the executor for `http` steps: a request over a fresh connection per hop (redirects followed up to the
 * step's limit, each hop checked against the address policy), cookies from and into the flow's jar, per-phase
 * timings from the real socket, then the step's own checks (status, body, latency).
 *
 * @example
 * const executor = createHttpStepExecutor({ trustedCaPem: [privateCaPem] });
 * const { result } = await executor.execute(step, context);
 */
export function createHttpStepExecutor(options: HttpStepExecutorOptions = {}): StepExecutor<HttpStep> {
  const settings: HttpExchangeSettings = Object.freeze({
    trustedCaPem: options.trustedCaPem ?? [],
    maxBodySampleBytes: options.maxBodySampleBytes ?? DEFAULT_MAX_BODY_SAMPLE_BYTES,
  });
  return {
    kind: 'http',
    execute: (step, context) => executeHttpStep(step, context, settings),
  };
}

async function executeHttpStep(
  step: HttpStep,
  context: StepContext,
  settings: HttpExchangeSettings,
): Promise<StepOutcome> {
  const startedAt = new Date(context.clock.now()).toISOString();
  const base = { index: context.index, kind: 'http', name: stepName(step), startedAt };
  const deadline = performance.now() + step.timeoutMs;
  const { body, contentType } = encodeBody(step);
  const lookup = createGuardedLookup(context.addressPolicy);
  let hop: Hop = { url: new URL(step.url), method: step.method, body };
  let timings: PhaseTimings | undefined;
  for (let redirects = 0; ; redirects++) {
    let exchange: HttpExchangeResult;
    try {
      assertLiteralAllowed(context.addressPolicy, hop.url.hostname);
      const cookie = (await context.cookies.getCookieString(hop.url.href)) || undefined;
      const headers = buildHeaders(step, {
        'content-type': hop.body === undefined ? undefined : contentType,
        authorization: authorizationOf(step),
        cookie,
      });
      // The first hop gets the whole budget; redirect hops get what is left of it.
      const timeoutMs =
        redirects === 0 ? step.timeoutMs : Math.max(1, Math.round(deadline - performance.now()));
      const target = { ...hop, headers, timeoutMs, insecureTls: step.insecureTls, lookup, keepBody: true };
      exchange = await exchangeHttp({
        target: step.clientCertificate ? { ...target, clientCertificate: step.clientCertificate } : target,
        signal: context.signal,
        settings,
      });
    } catch (error) {
      return { result: failedBeforeSending({ base, error, timings }) };
    }
    timings = addTimings(timings, exchange.timings);
    const detail = { ...exchange.detail, redirects, finalUrl: redactQuery(hop.url) };
    const { outcome } = exchange;
    if (!outcome.ok) {
      const { errorClass, errorMessage } = outcome;
      return { result: { ...base, timings, detail, ok: false, errorClass, errorMessage, assertions: [] } };
    }
    await storeCookies(context, hop.url, outcome.headers['set-cookie']);
    const location = outcome.headers.location;
    if (isRedirect(outcome.status) && location && redirects < step.maxRedirects) {
      hop = nextHop(hop, outcome.status, location);
      continue;
    }
    const checked = checkHttpAssertions(step, { ...outcome, totalMs: timings.totalMs });
    const result: StepResult = { ...base, timings, detail, ok: checked.errorClass === null, ...checked };
    const headers = flattenHeaders(outcome.headers);
    const cookies = Object.fromEntries(
      (await context.cookies.getCookies(hop.url.href)).map((cookie) => [cookie.key, cookie.value]),
    );
    return {
      result,
      observation: {
        latencyMs: timings.totalMs,
        status: outcome.status,
        headers,
        body: outcome.bodySample,
        cookies,
      },
    };
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

async function storeCookies(context: StepContext, url: URL, setCookie: string[] | undefined): Promise<void> {
  for (const header of setCookie ?? []) {
    // A malformed cookie from the target is its problem, not a probe failure: it is skipped like a browser would.
    await context.cookies.setCookie(header, url.href, { ignoreError: true });
  }
}

/** Phases summed over redirect hops, so the waterfall adds up to the time the user waited. */
function addTimings(total: PhaseTimings | undefined, hop: PhaseTimings): PhaseTimings {
  if (!total) return hop;
  const add = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  return {
    dnsMs: add(total.dnsMs, hop.dnsMs),
    connectMs: add(total.connectMs, hop.connectMs),
    tlsMs: add(total.tlsMs, hop.tlsMs),
    firstByteMs: add(total.firstByteMs, hop.firstByteMs),
    downloadMs: add(total.downloadMs, hop.downloadMs),
    totalMs: total.totalMs + hop.totalMs,
  };
}

function failedBeforeSending(input: {
  base: Pick<StepResult, 'index' | 'kind' | 'name' | 'startedAt'>;
  error: unknown;
  timings: PhaseTimings | undefined;
}): StepResult {
  const errorClass = classifySocketError(input.error);
  const message = input.error instanceof Error ? input.error.message : String(input.error);
  const timings = input.timings ?? {
    dnsMs: null,
    connectMs: null,
    tlsMs: null,
    firstByteMs: null,
    downloadMs: null,
    totalMs: 0,
  };
  return { ...input.base, ok: false, timings, errorClass, errorMessage: message, assertions: [], detail: {} };
}

/** The query string may carry tokens: runs and scenes show the URL without it. */
function redactQuery(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** The executor the registry uses: Node's bundled roots only, 1 MiB body sample. */
export const httpStepExecutor: StepExecutor<HttpStep> = createHttpStepExecutor();

/** A step without a name is shown as method and URL; the query string is left out as it may carry tokens. */
function stepName(step: HttpStep): string {
  if (step.name !== undefined) return step.name;
  const url = new URL(step.url);
  return `${step.method} ${url.origin}${url.pathname}`;
}
