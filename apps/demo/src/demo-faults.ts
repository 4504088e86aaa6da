/** The fault knobs of one back-end run: latency, errors, month-end peaks, outages, white pages. */
export interface DemoRouteFaults {
  /** Added to every answer of the affected routes. */
  readonly latencyMs: number;
  /** Up to this much more, drawn uniformly per request. */
  readonly jitterMs: number;
  /** Share (0–1) of requests answered 500 after their delay. */
  readonly errorRatio: number;
  /** Share (0–1) of requests that also wait `slowLatencyMs`. */
  readonly slowRatio: number;
  readonly slowLatencyMs: number;
  /** Month-end peak: processing of transaction APIs takes 3–5 times as long. */
  readonly monthEnd: boolean;
  /** Every route but the admin ones answers 503 at once. */
  readonly down: boolean;
  /**
   * 白屏: HTML pages answer 200 with an empty application shell, as a single-page app whose scripts failed does.
   * Status-code and title checks stay green; only a browser step looking for content sees it.
   */
  readonly whitePage: boolean;
}

export interface DemoFaults extends DemoRouteFaults {
  /**
   * The HTTPS listener presents a certificate that expired in 2020. Listener-wide, not per route: the certificate
   * is chosen in the TLS handshake, before any path is known.
   */
  readonly expiredCertificate: boolean;
  /** Overrides by route path (`/api/webhall/payment`), laid over the global knobs for that route only. */
  readonly routes?: Readonly<Record<string, Partial<DemoRouteFaults>>>;
}

export const DEFAULT_DEMO_FAULTS: DemoFaults = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRatio: 0,
  slowRatio: 0,
  slowLatencyMs: 2000,
  monthEnd: false,
  down: false,
  whitePage: false,
  expiredCertificate: false,
  routes: Object.freeze({}),
});

/** What the route contributes to the plan: its kind decides which faults apply. */
export interface FaultedRoute {
  readonly path: string;
  readonly kind: RouteKind;
  /** Typical processing time of the simulated back-end call, before faults. */
  readonly baseLatencyMs: number;
}

/** `admin` routes ignore faults (operators must be able to undo them); `health` only goes down. */
export type RouteKind = 'admin' | 'health' | 'page' | 'query' | 'transaction';

export interface PlanFaultsInput {
  readonly faults: DemoFaults;
  readonly route: FaultedRoute;
  /** Uniform [0, 1), like Math.random. */
  readonly random: () => number;
}

export interface FaultPlan {
  readonly delayMs: number;
  readonly shouldFail: boolean;
  /** Answer an HTML page with the empty shell instead of its content (only `page` routes). */
  readonly shouldServeWhitePage: boolean;
}

/**
 * Merges a patch into the current faults. `routes`, when given, replaces the whole override map, so a patch of
 * `{ routes: {} }` clears every override.
 *
 * @example mergeFaults(DEFAULT_DEMO_FAULTS, { errorRatio: 0.2 }).errorRatio // 0.2
 */
export function mergeFaults(current: DemoFaults, patch: Partial<DemoFaults>): DemoFaults {
  const merged: DemoFaults = { ...current, ...patch, routes: { ...(patch.routes ?? current.routes ?? {}) } };
  return Object.freeze(merged);
}

/** The global knobs with the route's overrides laid over them. */
export function resolveRouteFaults(faults: DemoFaults, path: string): DemoRouteFaults {
  const { routes, expiredCertificate: _listenerWide, ...global } = faults;
  return { ...global, ...(routes?.[path] ?? {}) };
}

/**
 * Decides how long a request waits and whether it fails. Draws `random` exactly five times, in a fixed order
 * (error, slow, jitter, processing spread, month-end factor), so a test can pin each outcome with a sequence.
 *
 * @example planFaults({ faults: DEFAULT_DEMO_FAULTS, route, random: () => 0 }).delayMs // 0.75 × base
 */
export function planFaults(input: PlanFaultsInput): FaultPlan {
  const { route, random } = input;
  const draws = [random(), random(), random(), random(), random()] as const;
  if (route.kind === 'admin' || route.kind === 'health') {
    return { delayMs: 0, shouldFail: false, shouldServeWhitePage: false };
  }
  const faults = resolveRouteFaults(input.faults, route.path);
  const [errorDraw, slowDraw, jitterDraw, spreadDraw, peakDraw] = draws;
  // Real back ends vary around their typical time; ±25 % keeps the demo charts alive without drowning faults.
  const processingMs = route.baseLatencyMs * (0.75 + 0.5 * spreadDraw);
  const peakFactor = faults.monthEnd && route.kind === 'transaction' ? 3 + 2 * peakDraw : 1;
  const slowMs = slowDraw < faults.slowRatio ? faults.slowLatencyMs : 0;
  const delayMs = processingMs * peakFactor + faults.latencyMs + faults.jitterMs * jitterDraw + slowMs;
  return {
    delayMs: Math.round(delayMs),
    shouldFail: errorDraw < faults.errorRatio,
    shouldServeWhitePage: faults.whitePage && route.kind === 'page',
  };
}
