import type { DemoFaults, DemoRouteFaults } from './demo-faults.js';
import { isRecord } from './request-fields.js';

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

type FieldRule = 'ms' | 'ratio' | 'boolean';

type GlobalKnob = Exclude<keyof DemoFaults, 'routes'>;

const ROUTE_RULES: Readonly<Record<keyof DemoRouteFaults, FieldRule>> = {
  latencyMs: 'ms',
  jitterMs: 'ms',
  errorRatio: 'ratio',
  slowRatio: 'ratio',
  slowLatencyMs: 'ms',
  monthEnd: 'boolean',
  down: 'boolean',
  whitePage: 'boolean',
};

// Knobs that only make sense for the whole back end (the certificate is chosen before any route is known).
const GLOBAL_RULES: Readonly<Record<GlobalKnob, FieldRule>> = {
  ...ROUTE_RULES,
  expiredCertificate: 'boolean',
};

// An hour is far past any probe timeout; anything longer is a typo that would only hold sockets open.
const MAX_LATENCY_MS = 3_600_000;

function checkField(rule: FieldRule, value: unknown): string | null {
  if (rule === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (rule === 'ratio') return value >= 0 && value <= 1 ? null : 'must be a ratio between 0 and 1';
  return value >= 0 && value <= MAX_LATENCY_MS ? null : `must be between 0 and ${MAX_LATENCY_MS} ms`;
}

function parseKnobs<K extends string>(
  value: unknown,
  where: string,
  rules: Readonly<Record<K, FieldRule>>,
): ParseResult<Partial<Record<K, number | boolean>>> {
  if (!isRecord(value)) return { ok: false, message: `${where} must be a JSON object` };
  for (const [name, field] of Object.entries(value)) {
    const rule: FieldRule | undefined = Object.hasOwn(rules, name) ? rules[name as K] : undefined;
    if (rule === undefined) return { ok: false, message: `${where}.${name} is not a fault knob` };
    const problem = checkField(rule, field);
    if (problem !== null) return { ok: false, message: `${where}.${name} ${problem}` };
  }
  // Every key was checked against the rules above, so the object holds only valid knobs.
  return { ok: true, value: value as Partial<Record<K, number | boolean>> };
}

function parseRouteFaults(value: unknown, where: string): ParseResult<Partial<DemoRouteFaults>> {
  // The rules give each knob its type (ms and ratios are numbers, the rest booleans), which the cast restores.
  return parseKnobs(value, where, ROUTE_RULES) as ParseResult<Partial<DemoRouteFaults>>;
}

function parseRoutes(value: unknown, knownPaths: ReadonlySet<string>): ParseResult<DemoFaults['routes']> {
  if (!isRecord(value)) return { ok: false, message: 'routes must be a JSON object keyed by route path' };
  const routes: Record<string, Partial<DemoRouteFaults>> = {};
  for (const [path, overrides] of Object.entries(value)) {
    if (!knownPaths.has(path)) return { ok: false, message: `routes: ${path} is not a demo route` };
    const parsed = parseRouteFaults(overrides, `routes[${path}]`);
    if (!parsed.ok) return parsed;
    routes[path] = parsed.value;
  }
  return { ok: true, value: routes };
}

/**
 * Validates a fault patch from the admin endpoint: known knobs only, ratios in 0–1, latencies in ms, and route
 * overrides only for routes that exist (a typo would otherwise be silently ignored).
 *
 * @example parseFaultsPatch({ errorRatio: 2 }, paths) // { ok: false, message: 'faults.errorRatio must be a ratio between 0 and 1' }
 */
export function parseFaultsPatch(
  value: unknown,
  knownPaths: ReadonlySet<string>,
): ParseResult<Partial<DemoFaults>> {
  if (!isRecord(value)) return { ok: false, message: 'the body must be a JSON object of fault knobs' };
  const { routes, ...global } = value;
  const parsedGlobal = parseKnobs(global, 'faults', GLOBAL_RULES) as ParseResult<Partial<DemoFaults>>;
  if (!parsedGlobal.ok) return parsedGlobal;
  if (routes === undefined) return parsedGlobal;
  const parsedRoutes = parseRoutes(routes, knownPaths);
  if (!parsedRoutes.ok) return parsedRoutes;
  return { ok: true, value: { ...parsedGlobal.value, routes: parsedRoutes.value } };
}
