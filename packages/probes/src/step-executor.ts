import type { Step, StepResult } from '@ganzhi/contracts';
import type { Clock } from '@ganzhi/runtime';
import type { CookieJar } from 'tough-cookie';
import type { AddressPolicy } from './safety/address-policy.js';
import type { BrowserLauncher } from './browser-launcher.js';

/** What a step executor gets besides its step: cancellation, time, safety rules and state shared by the flow. */
export interface StepContext {
  readonly index: number;
  /** Aborted when the step's or the flow's time budget runs out. */
  readonly signal: AbortSignal;
  readonly clock: Clock;
  /** Every address a step connects to (and every redirect target) must pass this policy before a socket opens. */
  readonly addressPolicy: AddressPolicy;
  /** Cookies carried across the flow's HTTP steps, as a browser would. */
  readonly cookies: CookieJar;
  /** Starts a browser for `browser` steps; absent where no Chromium is available. */
  readonly browsers?: BrowserLauncher;
}

/** Evidence kept with a run: screenshots, response excerpts, console errors, failed requests. */
export interface StepArtifact {
  readonly kind: 'screenshot' | 'response' | 'console' | 'network';
  readonly contentType: string;
  readonly content: Uint8Array;
}

/**
 * What a step observed, for the flow engine's generic extraction and assertions. Sizes are bounded by the executor.
 * Browser steps keep their page open for `textOf`/`isVisible` until `release()`.
 */
export interface StepObservation {
  readonly latencyMs: number;
  readonly status?: number;
  /** Header names in lower case. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A bounded sample of the body (or the page's visible text for browser steps). */
  readonly body?: string;
  readonly cookies?: Readonly<Record<string, string>>;
  readonly textOf?: (selector: string | undefined) => Promise<string | null>;
  readonly isVisible?: (selector: string) => Promise<boolean>;
  readonly release?: () => Promise<void>;
}

export interface StepOutcome {
  /** The step's own verdict (transport errors, kind-specific checks such as `expectStatus`). */
  readonly result: StepResult;
  /** Absent when the step failed before it observed anything. */
  readonly observation?: StepObservation;
  readonly artifacts?: readonly StepArtifact[];
}

/**
 * One executor per step kind, each in its own folder, all registered in `step-registry.ts`.
 * An executor never throws for a target's misbehaviour: it returns a failed result with an error class.
 * Templates are already rendered when it runs; extraction and generic assertions are the flow engine's job.
 */
export interface StepExecutor<S extends Step = Step> {
  readonly kind: S['kind'];
  execute(step: S, context: StepContext): Promise<StepOutcome>;
}
