import type { HttpStep, PhaseTimings, StepResult } from '@ganzhi/contracts';
import {
  BlockedAddressError,
  admitHost,
  createGuardedLookup,
  type HostResolver,
} from '../safety/guarded-lookup.js';
import type { StepContext, StepExecutor, StepObservation, StepOutcome } from '../step-executor.js';
import { checkHttpAssertions } from './check-http-assertions.js';
import { classifySocketError } from '../socket/classify-socket-error.js';
import { exchangeHttp, type HttpExchangeResult, type HttpExchangeSettings } from './http-exchange.js';
import { buildHeaders, encodeBody, flattenHeaders, nextHop, type Hop } from './prepare-http-request.js';

export interface HttpStepExecutorOptions {
  /** PEM certificates to trust besides Node's bundled roots, e.g. an operator's private CA. */
  readonly trustedCaPem?: readonly string[];
  /** How much of the body checks and extraction can see; the default 1 MiB bounds memory per probe. */
  readonly maxBodySampleBytes?: number;
  /** Resolves host names before the address policy judges them; the system's resolver by default. */
  readonly resolveHost?: HostResolver;
}

const DEFAULT_MAX_BODY_SAMPLE_BYTES = 1024 * 1024;

interface ExecutorSettings extends HttpExchangeSettings {
  readonly resolveHost: HostResolver | undefined;
}

/**
 * Builds the executor for `http` steps: a request over a fresh connection per hop (redirects followed up to the
 * step's limit, each hop checked against the address policy, the step's credentials left behind once a redirect
 * leaves its origin, https → http refused unless allowed), cookies from and into the flow's jar, per-phase
 * timings from the real socket, then the step's own checks (status, body, latency).
 *
 * @example
 * const executor = createHttpStepExecutor({ trustedCaPem: [privateCaPem] });
 * const { result } = await executor.execute(step, context);
 */
export function createHttpStepExecutor(options: HttpStepExecutorOptions = {}): StepExecutor<HttpStep> {
  const settings: ExecutorSettings = Object.freeze({
    trustedCaPem: options.trustedCaPem ?? [],
    maxBodySampleBytes: options.maxBodySampleBytes ?? DEFAULT_MAX_BODY_SAMPLE_BYTES,
    resolveHost: options.resolveHost,
  });
  return {
    kind: 'http',
    execute: (step, context) => executeHttpStep(step, context, settings),
  };
}

async function executeHttpStep(
  step: HttpStep,
  context: StepContext,
  settings: ExecutorSettings,
): Promise<StepOutcome> {
  const startedAt = new Date(context.clock.now()).toISOString();
  const base = { index: context.index, kind: 'http', name: stepName(step), startedAt };
  const deadline = performance.now() + step.timeoutMs;
  const { body, contentType } = encodeBody(step);
  const lookup = createGuardedLookup(context.addressPolicy, settings.resolveHost);
  let hop: Hop | undefined = URL.canParse(step.url)
    ? { url: new URL(step.url), method: step.method, body, isCrossOrigin: false }
    : undefined;
  let timings: PhaseTimings | undefined;
  for (let redirects = 0; ; redirects++) {
    let exchange: HttpExchangeResult;
    try {
      if (hop === undefined) throw new BlockedAddressError(`"${step.url}" is not an http(s) URL`);
      admitUrl(context, hop.url);
      const cookie = (await context.cookies.getCookieString(hop.url.href)) || undefined;
      const implied = { contentType: hop.body === undefined ? undefined : contentType, cookie };
      const headers = buildHeaders(step, hop, implied);
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
      const decision = nextHop(hop, { status: outcome.status, location }, step);
      if ('refusal' in decision) {
        return { result: { ...base, timings, detail, ok: false, ...decision.refusal, assertions: [] } };
      }
      hop = decision.hop;
      continue;
    }
    const checked = checkHttpAssertions(step, { ...outcome, totalMs: timings.totalMs });
    const result: StepResult = { ...base, timings, detail, ok: checked.errorClass === null, ...checked };
    const latencyMs = timings.totalMs;
    return {
      result,
      observation: await observe({ context, url: hop.url, response: { ...outcome, latencyMs } }),
    };
  }
}

/** What the final response showed, for the flow's extraction and assertions (cookies as the jar now has them). */
async function observe(input: {
  context: StepContext;
  url: URL;
  response: Extract<HttpExchangeResult['outcome'], { ok: true }> & { latencyMs: number };
}): Promise<StepObservation> {
  const { response } = input;
  const cookies = Object.fromEntries(
    (await input.context.cookies.getCookies(input.url.href)).map((cookie) => [cookie.key, cookie.value]),
  );
  return {
    latencyMs: response.latencyMs,
    status: response.status,
    headers: flattenHeaders(response.headers),
    body: response.bodySample,
    cookies,
  };
}

/**
 * Refuses a hop before any socket opens: schemes other than http(s), and hosts the policy denies. Names are judged
 * again at lookup, where their addresses are known; the URL parser has already put odd spellings of addresses
 * (`0x7f.1`, `2130706433`) into standard notation.
 */
function admitUrl(context: StepContext, url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BlockedAddressError(`the ${url.protocol} scheme is not allowed`);
  }
  admitHost(context.addressPolicy, url.hostname);
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
  if (!URL.canParse(step.url)) return `${step.method} ${step.url.replace(/[?#].*$/, '')}`;
  const url = new URL(step.url);
  return `${step.method} ${url.origin}${url.pathname}`;
}
