/**
 * The flow shapes the demo checks use: a structural subset of the check input in `@ganzhi/contracts`, kept local
 * so the demo (also a target for tests and benchmarks) depends on no Ganzhi schema. A test parses every demo check
 * with the real `checkInputSchema`, so the two cannot drift apart unnoticed.
 */

/** Takes a value out of a step's response into a `{{variable}}` for later steps. */
export interface DemoExtraction {
  readonly variable: string;
  readonly from: 'jsonPath' | 'regex' | 'header' | 'cookie' | 'status';
  readonly expression: string;
  /** Masked in run results (tokens). */
  readonly secret?: boolean;
}

export type DemoComparison =
  | 'equals'
  | 'notEquals'
  | 'contains'
  | 'notContains'
  | 'matches'
  | 'lessThan'
  | 'lessOrEqual'
  | 'greaterThan'
  | 'greaterOrEqual'
  | 'exists'
  | 'notExists';

/** A check on what a step observed, e.g. `{ subject: 'jsonPath', expression: '$.status', comparison: 'equals', value: 'paid' }`. */
export interface DemoAssertion {
  readonly subject: 'status' | 'body' | 'header' | 'jsonPath' | 'latencyMs';
  readonly expression: string;
  readonly comparison: DemoComparison;
  readonly value?: string | number | boolean;
}

export interface DemoHttpStep {
  readonly kind: 'http';
  readonly name: string;
  readonly method: 'GET' | 'POST';
  /** May hold `{{variables}}`, in the query only (a path would percent-encode the braces). */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as `application/json`. */
  readonly json?: unknown;
  readonly auth?: { readonly type: 'bearer'; readonly token: string };
  /** Accept the demo's self-signed certificate. */
  readonly insecureTls?: boolean;
  readonly timeoutMs: number;
  readonly expectStatus: number;
  readonly bodyContains?: string;
  readonly maxLatencyMs?: number;
  readonly extract?: readonly DemoExtraction[];
  readonly assert?: readonly DemoAssertion[];
}

export interface DemoTlsStep {
  readonly kind: 'tls';
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly minDaysToExpiry: number;
  /** False for the demo: its certificate is self-signed, so only expiry and names are judged. */
  readonly requireTrustedChain: boolean;
  readonly timeoutMs: number;
}

export type DemoBrowserAction =
  | { readonly action: 'goto'; readonly url: string }
  | { readonly action: 'fill'; readonly selector: string; readonly value: string }
  | { readonly action: 'click'; readonly selector: string }
  | { readonly action: 'waitForText'; readonly text: string }
  | { readonly action: 'assertText'; readonly selector: string; readonly text: string }
  | { readonly action: 'assertVisible'; readonly selector: string };

export interface DemoBrowserStep {
  readonly kind: 'browser';
  readonly name: string;
  readonly timeoutMs: number;
  readonly actions: readonly DemoBrowserAction[];
}

export type DemoStep = DemoHttpStep | DemoTlsStep | DemoBrowserStep;

/** A check definition the server's `checkInputSchema` accepts as is. */
export interface DemoCheckDefinition {
  readonly name: string;
  readonly description: string;
  readonly intervalSeconds: number;
  readonly tags: readonly string[];
  /** Dimension codes from the default dimensions (`payment`, `web_hall`, `changsha`). */
  readonly business: string;
  readonly channel: string;
  readonly region: string;
  readonly locations: readonly string[];
  /** Initial flow variables, used as `{{name}}` in the steps. */
  readonly variables: Readonly<Record<string, string>>;
  readonly steps: readonly DemoStep[];
}
