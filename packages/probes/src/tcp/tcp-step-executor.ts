import net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { AssertionResult, StepResult, TcpStep } from '@ganzhi/contracts';
import { PhaseRecorder, type HttpPhase } from '../socket/measure-phases.js';
import { admitHost, createGuardedLookup, type HostResolver } from '../safety/guarded-lookup.js';
import { isHostName } from '../safety/normalise-host.js';
import { StepDeadline, failedVerdict, interruptedVerdict, type Verdict } from '../socket/step-deadline.js';
import type { StepContext, StepExecutor, StepOutcome } from '../step-executor.js';

/** Reading stops here: ample for a banner or a reply line, and a bound on memory per probe. */
const MAX_READ_BYTES = 64 * 1024;

export interface TcpStepExecutorOptions {
  /** Resolves host names before the address policy judges them; the system's resolver by default. */
  readonly resolveHost?: HostResolver;
}

/**
 * Builds the executor for `tcp` steps: connects (through the address policy), optionally writes `send` as is, and
 * when `expect` is set reads until that text arrives, at most 64 KiB. Never rejects; the socket is destroyed on
 * every path.
 *
 * @example
 * const { result } = await tcpStepExecutor.execute({ kind: 'tcp', host: 'sms.example', port: 2775, … }, context);
 */
export function createTcpStepExecutor(options: TcpStepExecutorOptions = {}): StepExecutor<TcpStep> {
  return {
    kind: 'tcp',
    execute: (step, context) => new TcpExchange(step, { context, resolveHost: options.resolveHost }).run(),
  };
}

/** The executor the registry uses: the system's resolver. */
export const tcpStepExecutor: StepExecutor<TcpStep> = createTcpStepExecutor();

class TcpExchange {
  readonly #step: TcpStep;
  readonly #context: StepContext;
  readonly #resolveHost: HostResolver | undefined;
  readonly #startedAt: string;
  readonly #recorder: PhaseRecorder;
  readonly #decoder = new StringDecoder('utf8');
  readonly #detail: StepResult['detail'] = { remoteAddress: null, remotePort: null, bytesReceived: 0 };
  #text = '';
  #keptBytes = 0;
  #bytesReceived = 0;
  /** Where the next search for `expect` starts, so each chunk is searched once rather than the whole text again. */
  #searchFrom = 0;
  #isConnected = false;
  #isSent = false;
  #socket: net.Socket | undefined;
  readonly #deadline: StepDeadline;
  #resolve: (outcome: StepOutcome) => void = () => undefined;

  constructor(step: TcpStep, deps: { context: StepContext; resolveHost: HostResolver | undefined }) {
    const { context } = deps;
    this.#step = step;
    this.#context = context;
    this.#resolveHost = deps.resolveHost;
    this.#startedAt = new Date(context.clock.now()).toISOString();
    this.#recorder = new PhaseRecorder({ needsLookup: isHostName(step.host), isTls: false });
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
      this.#connect(admitHost(this.#context.addressPolicy, this.#step.host));
    } catch (error) {
      this.#fail(error);
    }
  }

  /** `host` is the step's host as admitted: an allowed IP literal in standard notation, or a name to look up. */
  #connect(host: string): void {
    const socket = net.connect({
      host,
      port: this.#step.port,
      lookup: createGuardedLookup(this.#context.addressPolicy, this.#resolveHost),
    });
    this.#socket = socket;
    this.#recorder.observe(socket);
    socket.once('connect', () => this.#onConnect(socket));
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    // 'end' when the peer hangs up cleanly, 'close' for every other way the socket goes away.
    socket.once('end', () => this.#onPeerClosed());
    socket.once('close', () => this.#onPeerClosed());
    // Stays attached after settling: destroying the socket can emit a late 'error' that must not go unhandled.
    socket.on('error', (error) => this.#fail(error));
  }

  #onConnect(socket: net.Socket): void {
    this.#isConnected = true;
    this.#detail.remoteAddress = socket.remoteAddress ?? null;
    this.#detail.remotePort = socket.remotePort ?? null;
    const { send } = this.#step;
    if (send === undefined) {
      this.#afterSend();
      return;
    }
    // A failed write also emits 'error' on the socket, which classifies it.
    socket.write(send, (error) => {
      if (!error) this.#afterSend();
    });
  }

  /** From here the first byte is timed, and `expect` is looked for: a match in a banner before `send` is too early. */
  #afterSend(): void {
    this.#isSent = true;
    this.#recorder.markRequestSent();
    if (this.#step.expect === undefined) {
      this.#recorder.markEnd();
      this.#settle({ ok: true });
      return;
    }
    this.#checkExpected(this.#step.expect);
  }

  #onData(chunk: Buffer): void {
    this.#bytesReceived += chunk.length;
    const room = MAX_READ_BYTES - this.#keptBytes;
    if (room > 0) {
      const kept = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.#text += this.#decoder.write(kept);
      this.#keptBytes += kept.length;
    }
    if (this.#isSent && this.#step.expect !== undefined) this.#checkExpected(this.#step.expect);
  }

  #checkExpected(expect: string): void {
    // Back up by the length of `expect` so a match split across two chunks is still found.
    const from = Math.max(0, this.#searchFrom - expect.length + 1);
    this.#searchFrom = this.#text.length;
    if (this.#text.includes(expect, from)) {
      this.#recorder.markEnd();
      this.#settle({ ok: true });
    } else if (this.#keptBytes >= MAX_READ_BYTES) {
      this.#settle(notFound(`in the first ${MAX_READ_BYTES} bytes`));
    }
  }

  #onPeerClosed(): void {
    if (this.#step.expect === undefined || !this.#isSent) {
      this.#fail(Object.assign(new Error('connection closed by the peer'), { code: 'ECONNRESET' }));
      return;
    }
    this.#text += this.#decoder.end();
    this.#checkExpected(this.#step.expect);
    this.#settle(notFound('before the peer closed the connection'));
  }

  #interrupt(reason: 'timeout' | 'aborted'): void {
    const phase = describePhase(this.#recorder.currentPhase());
    this.#settle(interruptedVerdict(reason, { timeoutMs: this.#step.timeoutMs, phase }));
  }

  #fail(error: unknown): void {
    this.#settle(failedVerdict(error));
  }

  #settle(verdict: Verdict): void {
    if (!this.#deadline.claim()) return;
    this.#socket?.destroy();
    const timings = this.#recorder.timings();
    this.#detail.bytesReceived = this.#bytesReceived;
    const result: StepResult = {
      index: this.#context.index,
      kind: 'tcp',
      name: this.#step.name ?? `tcp ${formatHostPort(this.#step.host, this.#step.port)}`,
      ok: verdict.ok,
      startedAt: this.#startedAt,
      timings,
      errorClass: verdict.ok ? null : verdict.errorClass,
      errorMessage: verdict.ok ? null : verdict.errorMessage,
      assertions: this.#assertions(verdict),
      detail: { ...this.#detail },
    };
    // A step that never connected observed nothing the flow's extraction or assertions could use.
    const observation = this.#isConnected ? { latencyMs: timings.totalMs, body: this.#text } : undefined;
    this.#resolve(observation ? { result, observation } : { result });
  }

  /** The `expect` check, once it was decided: found, or not found before the limit or the peer's hang-up. */
  #assertions(verdict: Verdict): AssertionResult[] {
    const { expect } = this.#step;
    if (expect === undefined) return [];
    if (verdict.ok) return [{ name: 'expect', ok: true, expected: expect, actual: 'found' }];
    if (verdict.errorClass !== 'assertion') return [];
    return [{ name: 'expect', ok: false, expected: expect, actual: 'not found' }];
  }
}

function notFound(where: string): Verdict {
  return { ok: false, errorClass: 'assertion', errorMessage: `expected text not found ${where}` };
}

/** The recorder's phases are named for HTTP; on a raw socket the request is what `send` wrote. */
function describePhase(phase: HttpPhase): string {
  if (phase === 'request') return 'send';
  if (phase === 'download') return 'read';
  return phase;
}

/** `host:port`, with IPv6 literals bracketed so the port stays readable. */
function formatHostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}
