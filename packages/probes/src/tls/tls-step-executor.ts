import { isIP, isIPv6 } from 'node:net';
import tls from 'node:tls';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { AssertionResult, ErrorClass, StepResult, TlsStep } from '@ganzhi/contracts';
import { PhaseRecorder } from '../socket/measure-phases.js';
import { admitHost, createGuardedLookup, type HostResolver } from '../safety/guarded-lookup.js';
import { isHostName } from '../safety/normalise-host.js';
import { StepDeadline, failedVerdict, interruptedVerdict, type Verdict } from '../socket/step-deadline.js';
import type { StepContext, StepExecutor, StepOutcome } from '../step-executor.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Longer chains are not real: the walk stops here in case a peer's issuer links loop without repeating a leaf. */
const MAX_CHAIN_LENGTH = 16;

interface CertificateCheck {
  readonly result: AssertionResult;
  readonly errorClass: ErrorClass;
  readonly errorMessage: string;
}

export interface TlsStepExecutorOptions {
  /** Resolves host names before the address policy judges them; the system's resolver by default. */
  readonly resolveHost?: HostResolver;
}

/**
 * Builds the executor for `tls` steps: a handshake (through the address policy) that accepts any certificate, so it can
 * report on a bad one rather than stop at it, then the checks: not expired, trusted chain (when required), hostname
 * match, and at least `minDaysToExpiry` days left, with days counted on the injected clock.
 *
 * @example
 * const { result } = await tlsStepExecutor.execute({ kind: 'tls', host: 'pay.example', port: 443, … }, context);
 * result.detail.daysToExpiry // 41
 */
export function createTlsStepExecutor(options: TlsStepExecutorOptions = {}): StepExecutor<TlsStep> {
  return {
    kind: 'tls',
    execute: (step, context) => new TlsHandshake(step, { context, resolveHost: options.resolveHost }).run(),
  };
}

/** The executor the registry uses: the system's resolver. */
export const tlsStepExecutor: StepExecutor<TlsStep> = createTlsStepExecutor();

class TlsHandshake {
  readonly #step: TlsStep;
  readonly #context: StepContext;
  readonly #resolveHost: HostResolver | undefined;
  /** The step's host as admitted (standard notation), once the policy has judged it. */
  #host: string;
  readonly #startedAt: string;
  readonly #recorder: PhaseRecorder;
  #detail: StepResult['detail'] = {};
  #assertions: AssertionResult[] = [];
  #isSecured = false;
  #socket: TLSSocket | undefined;
  readonly #deadline: StepDeadline;
  #resolve: (outcome: StepOutcome) => void = () => undefined;

  constructor(step: TlsStep, deps: { context: StepContext; resolveHost: HostResolver | undefined }) {
    const { context } = deps;
    this.#step = step;
    this.#context = context;
    this.#resolveHost = deps.resolveHost;
    this.#host = step.host;
    this.#startedAt = new Date(context.clock.now()).toISOString();
    this.#recorder = new PhaseRecorder({ needsLookup: isHostName(step.host), isTls: true });
    this.#deadline = new StepDeadline({
      timeoutMs: step.timeoutMs,
      signal: context.signal,
      onInterrupt: (reason) => this.#interrupt(reason),
    });
  }

  run(): Promise<StepOutcome> {
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.#start();
    });
  }

  #start(): void {
    if (!this.#deadline.arm()) {
      this.#settle({ ok: false, errorClass: 'timeout', errorMessage: 'aborted before connecting' });
      return;
    }
    try {
      this.#host = admitHost(this.#context.addressPolicy, this.#step.host);
      this.#connect();
    } catch (error) {
      this.#fail(error);
    }
  }

  #connect(): void {
    const host = this.#host;
    const { port } = this.#step;
    const socket = tls.connect({
      host,
      port,
      // SNI carries names only (RFC 6066 §3), so an IP target sends none unless the step names one.
      servername: this.#step.servername ?? (isIP(host) === 0 ? host : undefined),
      // Verification is done below, after the handshake, so a bad certificate is described rather than refused.
      rejectUnauthorized: false,
      lookup: createGuardedLookup(this.#context.addressPolicy, this.#resolveHost),
    });
    this.#socket = socket;
    this.#recorder.observe(socket);
    socket.once('secureConnect', () => this.#onSecureConnect(socket));
    socket.once('close', () =>
      this.#fail(Object.assign(new Error('connection closed during the handshake'), { code: 'ECONNRESET' })),
    );
    // Stays attached after settling: destroying the socket can emit a late 'error' that must not go unhandled.
    socket.on('error', (error) => this.#fail(error));
  }

  #onSecureConnect(socket: TLSSocket): void {
    this.#recorder.markEnd();
    this.#isSecured = true;
    const certificate = socket.getPeerCertificate(true);
    const nowMs = this.#context.clock.now();
    const validToMs = Date.parse(certificate.valid_to);
    const daysToExpiry = Number.isNaN(validToMs) ? null : Math.floor((validToMs - nowMs) / DAY_MS);
    this.#detail = {
      remoteAddress: socket.remoteAddress ?? null,
      protocol: socket.getProtocol(),
      cipher: socket.getCipher().name,
      subject: commonNameOf(certificate.subject),
      issuer: commonNameOf(certificate.issuer),
      subjectAltNames: certificate.subjectaltname ?? null,
      validTo: Number.isNaN(validToMs) ? null : new Date(validToMs).toISOString(),
      daysToExpiry,
      chainLength: chainLengthOf(certificate),
      authorized: socket.authorized,
      // Node types it as an Error, but it is OpenSSL's code as a string, e.g. DEPTH_ZERO_SELF_SIGNED_CERT.
      authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    };
    const checks = this.#checkCertificate(certificate, { validToMs, nowMs });
    this.#assertions = checks.map((check) => check.result);
    // Any tls failure outranks the days-to-expiry assertion; an expired certificate comes first of all.
    const failed =
      checks.find((check) => !check.result.ok && check.errorClass === 'tls') ??
      checks.find((check) => !check.result.ok);
    this.#settle(
      failed ? { ok: false, errorClass: failed.errorClass, errorMessage: failed.errorMessage } : { ok: true },
    );
  }

  #checkCertificate(
    certificate: DetailedPeerCertificate,
    validity: { validToMs: number; nowMs: number },
  ): CertificateCheck[] {
    const checks = [checkExpiry(validity, this.#step.minDaysToExpiry)];
    if (this.#step.requireTrustedChain) {
      const authorizationError = this.#detail.authorizationError;
      checks.push(checkTrust(typeof authorizationError === 'string' ? authorizationError : null));
    }
    checks.push(checkHostname(this.#step.servername ?? this.#host, certificate));
    return checks;
  }

  #interrupt(reason: 'timeout' | 'aborted'): void {
    const phase = this.#recorder.currentPhase();
    this.#settle(interruptedVerdict(reason, { timeoutMs: this.#step.timeoutMs, phase }));
  }

  #fail(error: unknown): void {
    this.#settle(failedVerdict(error));
  }

  #settle(verdict: Verdict): void {
    if (!this.#deadline.claim()) return;
    this.#socket?.destroy();
    const timings = this.#recorder.timings();
    const { host, port } = this.#step;
    const result: StepResult = {
      index: this.#context.index,
      kind: 'tls',
      name: this.#step.name ?? `tls ${isIPv6(host) ? `[${host}]` : host}:${port}`,
      ok: verdict.ok,
      startedAt: this.#startedAt,
      timings,
      errorClass: verdict.ok ? null : verdict.errorClass,
      errorMessage: verdict.ok ? null : verdict.errorMessage,
      assertions: this.#assertions,
      detail: this.#detail,
    };
    // Without a completed handshake there is no certificate, and nothing for the flow's own assertions to look at.
    this.#resolve(this.#isSecured ? { result, observation: { latencyMs: timings.totalMs } } : { result });
  }
}

/** Expired is a tls failure (no client accepts it); merely close to expiry is the step's own assertion. */
function checkExpiry(
  certificate: { validToMs: number; nowMs: number },
  minDaysToExpiry: number,
): CertificateCheck {
  const { validToMs, nowMs } = certificate;
  const expected = `>= ${minDaysToExpiry} days`;
  if (Number.isNaN(validToMs)) {
    const result = { name: 'days to expiry', ok: false, expected, actual: 'unreadable' };
    return { result, errorClass: 'tls', errorMessage: 'certificate has no readable expiry date' };
  }
  const daysToExpiry = Math.floor((validToMs - nowMs) / DAY_MS);
  const isExpired = validToMs < nowMs;
  const ok = !isExpired && daysToExpiry >= minDaysToExpiry;
  const result = { name: 'days to expiry', ok, expected, actual: `${daysToExpiry} days` };
  if (isExpired) {
    const daysAgo = Math.floor((nowMs - validToMs) / DAY_MS);
    return { result, errorClass: 'tls', errorMessage: `certificate expired ${daysAgo} days ago` };
  }
  return { result, errorClass: 'assertion', errorMessage: `certificate expires in ${daysToExpiry} days` };
}

function checkTrust(authorizationError: string | null): CertificateCheck {
  const actual = authorizationError ?? 'trusted';
  const result = { name: 'trusted chain', ok: authorizationError === null, expected: 'trusted', actual };
  return { result, errorClass: 'tls', errorMessage: `certificate chain not trusted: ${actual}` };
}

/** Node's own rules (RFC 6125: SANs first, wildcards in the left label only, IPs against IP SANs). */
function checkHostname(name: string, certificate: DetailedPeerCertificate): CertificateCheck {
  const mismatch = tls.checkServerIdentity(name, certificate);
  const actual = mismatch
    ? (certificate.subjectaltname ?? commonNameOf(certificate.subject) ?? 'no names')
    : 'match';
  const result = { name: 'hostname', ok: mismatch === undefined, expected: name, actual };
  return { result, errorClass: 'tls', errorMessage: mismatch?.message ?? '' };
}

/** A certificate without a subject is an empty object at runtime, whatever the type says. */
function commonNameOf(name: DetailedPeerCertificate['subject'] | undefined): string | null {
  const commonName: unknown = name?.CN;
  if (typeof commonName === 'string') return commonName;
  // A name with several CN attributes comes back as an array.
  if (Array.isArray(commonName)) return commonName.filter((part) => typeof part === 'string').join(', ');
  return null;
}

/** Certificates from the leaf up, as the peer sent them; a self-signed root is its own issuer, which ends the walk. */
function chainLengthOf(certificate: DetailedPeerCertificate): number {
  const seen = new Set<string>([certificate.fingerprint256]);
  let current = certificate;
  while (seen.size < MAX_CHAIN_LENGTH) {
    const issuer: DetailedPeerCertificate | undefined = current.issuerCertificate;
    if (issuer === undefined || seen.has(issuer.fingerprint256)) break;
    seen.add(issuer.fingerprint256);
    current = issuer;
  }
  return seen.size;
}
