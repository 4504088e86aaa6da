import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import { rootCertificates, TLSSocket } from 'node:tls';
import type { LookupFunction } from 'node:net';
import type { ErrorClass, HttpMethod, PhaseTimings, StepResult } from '@ganzhi/contracts';
import { classifySocketError, describeSocketError } from '../socket/classify-socket-error.js';
import { PhaseRecorder } from '../socket/measure-phases.js';

export interface HttpExchangeSettings {
  /** PEM certificates trusted in addition to Node's bundled roots (private PKIs, test fixtures). */
  readonly trustedCaPem: readonly string[];
  /** Body bytes kept for `bodyContains`; the rest is counted, not buffered. */
  readonly maxBodySampleBytes: number;
}

/** One hop of an HTTP step, fully resolved: templates rendered, body encoded, cookies and auth in the headers. */
export interface PreparedHttpRequest {
  readonly url: URL;
  readonly method: HttpMethod;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
  readonly insecureTls: boolean;
  readonly clientCertificate?: {
    readonly certPem: string;
    readonly keyPem: string;
    readonly passphrase?: string;
  };
  /** Resolves names and refuses addresses outside the probe's address policy. */
  readonly lookup: LookupFunction;
  /** Whether to keep a body sample (for body checks, extraction and the problem scene). */
  readonly keepBody: boolean;
}

export interface HttpExchangeRequest {
  readonly target: PreparedHttpRequest;
  readonly signal: AbortSignal;
  readonly settings: HttpExchangeSettings;
}

/** A response read to its end, or the transport failure that prevented it. */
export type HttpExchangeOutcome =
  | {
      readonly ok: true;
      readonly status: number;
      readonly bodySample: string;
      readonly headers: http.IncomingHttpHeaders;
    }
  | { readonly ok: false; readonly errorClass: ErrorClass; readonly errorMessage: string };

export interface HttpExchangeResult {
  readonly timings: PhaseTimings;
  readonly detail: StepResult['detail'];
  readonly outcome: HttpExchangeOutcome;
}

const USER_AGENT = 'Ganzhi-Probe/0.1';

/**
 * Sends one request over a fresh connection and reads the whole response. Never rejects: every failure, the step
 * timeout and an abort all resolve with a classified outcome, and the socket is destroyed on every path.
 */
export function exchangeHttp(request: HttpExchangeRequest): Promise<HttpExchangeResult> {
  return new HttpExchange(request).run();
}

class HttpExchange {
  readonly #target: PreparedHttpRequest;
  readonly #signal: AbortSignal;
  readonly #settings: HttpExchangeSettings;
  readonly #url: URL;
  readonly #recorder: PhaseRecorder;
  readonly #detail: Record<string, string | number | boolean | null> = {};
  readonly #bodyChunks: Buffer[] = [];
  readonly #maxSampleBytes: number;
  #sampleBytes = 0;
  #bytes = 0;
  #status = 0;
  #headers: http.IncomingHttpHeaders = {};
  #request: http.ClientRequest | undefined;
  #socket: Socket | undefined;
  #timer: NodeJS.Timeout | undefined;
  #settled = false;
  #resolve: (result: HttpExchangeResult) => void = () => undefined;

  constructor(request: HttpExchangeRequest) {
    this.#target = request.target;
    this.#signal = request.signal;
    this.#settings = request.settings;
    this.#url = request.target.url;
    // Probes that never look at the body skip the buffering entirely.
    this.#maxSampleBytes = request.target.keepBody ? request.settings.maxBodySampleBytes : 0;
    this.#recorder = new PhaseRecorder({
      needsLookup: isIP(this.#url.hostname.replace(/^\[|\]$/g, '')) === 0,
      isTls: this.#url.protocol === 'https:',
    });
  }

  run(): Promise<HttpExchangeResult> {
    return new Promise((resolve) => {
      this.#resolve = resolve;
      this.#start();
    });
  }

  #start(): void {
    if (this.#signal.aborted) {
      this.#settle({ ok: false, errorClass: 'timeout', errorMessage: 'aborted before the request started' });
      return;
    }
    this.#timer = setTimeout(() => this.#interrupt('timeout'), this.#target.timeoutMs);
    this.#signal.addEventListener('abort', this.#onAbort, { once: true });
    try {
      this.#send();
    } catch (error) {
      // http.request throws synchronously for options it rejects (e.g. a header value with a newline).
      this.#fail(error);
    }
  }

  #send(): void {
    const isTls = this.#url.protocol === 'https:';
    const target = this.#target;
    const options: https.RequestOptions = {
      method: target.method,
      headers: { 'user-agent': USER_AGENT, ...target.headers },
      // A fresh connection per probe: a pooled socket would hide the DNS, connect and TLS phases users feel.
      agent: false,
      lookup: target.lookup,
      rejectUnauthorized: !target.insecureTls,
      cert: target.clientCertificate?.certPem,
      key: target.clientCertificate?.keyPem,
      passphrase: target.clientCertificate?.passphrase,
      // `ca` replaces the bundled roots rather than adding to them, so they are listed again.
      ca:
        this.#settings.trustedCaPem.length > 0
          ? [...rootCertificates, ...this.#settings.trustedCaPem]
          : undefined,
    };
    const request = (isTls ? https : http).request(this.#url, options);
    this.#request = request;
    request.on('socket', (socket) => this.#onSocket(socket));
    request.on('finish', () => this.#recorder.markRequestSent());
    request.on('response', (response) => this.#onResponse(response));
    // Stays attached after settling: destroying the request emits a late 'error' that must not go unhandled.
    request.on('error', (error) => this.#fail(error));
    request.end(target.body);
  }

  #onSocket(socket: Socket): void {
    this.#socket = socket;
    this.#recorder.observe(socket);
    socket.once('connect', () => {
      this.#detail.remoteAddress = socket.remoteAddress ?? null;
      this.#detail.remotePort = socket.remotePort ?? null;
    });
    if (socket instanceof TLSSocket) socket.once('secureConnect', () => this.#recordTlsSession(socket));
  }

  #recordTlsSession(socket: TLSSocket): void {
    this.#detail.tlsProtocol = socket.getProtocol();
    this.#detail.tlsCipher = socket.getCipher().name;
    this.#detail.tlsAuthorized = socket.authorized;
    const validTo = socket.getPeerCertificate().valid_to;
    // Kept so certificate-expiry alerts can use ordinary probe runs.
    this.#detail.tlsCertValidTo = validTo ? new Date(validTo).toISOString() : null;
  }

  #onResponse(response: IncomingMessage): void {
    this.#recorder.markFirstByte();
    this.#status = response.statusCode ?? 0;
    this.#headers = response.headers;
    this.#detail.status = this.#status;
    this.#detail.httpVersion = response.httpVersion;
    this.#detail.contentType = response.headers['content-type'] ?? null;
    // Recorded so a run that stops at a 3xx shows where the service wanted to send the user.
    if (this.#status >= 300 && this.#status < 400) this.#detail.location = response.headers.location ?? null;
    response.on('data', (chunk: Buffer) => this.#onBodyChunk(chunk));
    response.on('end', () => this.#succeed());
    response.on('error', (error) => this.#fail(error));
    response.on('close', () => {
      if (!response.complete)
        this.#fail(Object.assign(new Error('connection closed mid-body'), { code: 'ECONNRESET' }));
    });
  }

  #onBodyChunk(chunk: Buffer): void {
    this.#bytes += chunk.length;
    const room = this.#maxSampleBytes - this.#sampleBytes;
    if (room <= 0) return;
    const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.#bodyChunks.push(kept);
    this.#sampleBytes += kept.length;
  }

  readonly #onAbort = (): void => this.#interrupt('aborted');

  #interrupt(reason: 'timeout' | 'aborted'): void {
    const phase = this.#recorder.currentPhase();
    const errorMessage =
      reason === 'timeout'
        ? `timed out after ${this.#target.timeoutMs} ms during ${phase}`
        : `aborted during ${phase}`;
    this.#settle({ ok: false, errorClass: 'timeout', errorMessage });
  }

  #fail(error: unknown): void {
    const errorClass = classifySocketError(error);
    const errorMessage = describeSocketError(error, errorClass);
    this.#settle({ ok: false, errorClass, errorMessage });
  }

  #succeed(): void {
    this.#recorder.markEnd();
    const bodySample = Buffer.concat(this.#bodyChunks).toString('utf8');
    this.#settle({ ok: true, status: this.#status, bodySample, headers: this.#headers });
  }

  #settle(outcome: HttpExchangeOutcome): void {
    if (this.#settled) return;
    this.#settled = true;
    clearTimeout(this.#timer);
    this.#signal.removeEventListener('abort', this.#onAbort);
    const timings = this.#recorder.timings();
    this.#request?.destroy();
    this.#socket?.destroy();
    this.#detail.bytes = this.#bytes;
    this.#detail.bodyTruncated = this.#maxSampleBytes > 0 && this.#bytes > this.#maxSampleBytes;
    this.#resolve({ timings, detail: { ...this.#detail }, outcome });
  }
}
