import jsep from 'jsep';
import {
  EXACT_BOUNDS_MS,
  countAtOrBelow,
  countBelow,
  estimateAtOrBelow,
  histogramCount,
  histogramQuantile,
  isExactBound,
  type LatencyHistogram,
} from './latency-histogram.js';

/**
 * Indicator formulas are data: a small expression language over the measurements of one scope and window, compiled
 * once (every problem reported with its position) and evaluated many times. Ratios divide summed numerators by
 * summed denominators; percentiles and tier shares come from merged latency histograms; a division by zero or an
 * empty histogram yields null ("insufficient data"), never NaN.
 *
 * @example compileFormula('100 * failures / count', { count: 'number', failures: 'number' })
 */

/** What a measurement holds: a summed number, or a latency histogram. */
export type MeasurementKind = 'number' | 'histogram';
export type MeasurementCatalog = Readonly<Record<string, MeasurementKind>>;
export type MeasurementValues = Readonly<Record<string, number | LatencyHistogram | null | undefined>>;

type ValueKind = 'number' | 'histogram';

type FormulaNode =
  | { readonly type: 'constant'; readonly value: number }
  | { readonly type: 'measurement'; readonly name: string; readonly kind: ValueKind }
  | { readonly type: 'negate'; readonly operand: FormulaNode }
  | {
      readonly type: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    }
  | { readonly type: 'call'; readonly name: FunctionName; readonly args: readonly FormulaNode[] };

type Value = number | LatencyHistogram | null;

interface FunctionSpec {
  readonly args: readonly ValueKind[];
  /** Arguments that must be constants (a quantile, an exact bound), checked at compile time. */
  readonly constantArgs?: readonly number[];
  readonly checkConstants?: (constants: readonly number[]) => string | undefined;
  readonly evaluate: (args: readonly Value[]) => number | null;
}

const asNumber = (value: Value): number | null => (typeof value === 'number' ? value : null);
const asHistogram = (value: Value): LatencyHistogram | null => (value instanceof Map ? value : null);

const EXACT_BOUND_LIST = `${EXACT_BOUNDS_MS.join(', ')} ms`;

/** Share of the samples that `count` selects; null for an empty histogram. */
function shareOf(
  histogram: LatencyHistogram | null,
  count: (histogram: LatencyHistogram) => number,
): number | null {
  if (!histogram) return null;
  const total = histogramCount(histogram);
  return total === 0 ? null : count(histogram) / total;
}

const exactBoundCheck =
  (what: string) =>
  ([bound]: readonly number[]): string | undefined =>
    bound !== undefined && isExactBound(bound)
      ? undefined
      : `${what} must be an exact histogram bound (${EXACT_BOUND_LIST})`;

/** The function registry: the only place that knows what each function does. */
const FUNCTIONS = {
  /** quantile(latency, q): q in (0, 1], nearest rank, within 1 % of the exact value. */
  quantile: {
    args: ['histogram', 'number'],
    constantArgs: [1],
    checkConstants: ([q]) => (q !== undefined && q > 0 && q <= 1 ? undefined : 'quantile must be in (0, 1]'),
    evaluate: ([histogram, q]) => {
      const h = asHistogram(histogram ?? null);
      return h ? histogramQuantile(h, asNumber(q ?? null) ?? 0.5) : null;
    },
  },
  /** share_below(latency, boundMs): samples strictly below the bound, e.g. the fast share "< 2 s"; exact. */
  share_below: {
    args: ['histogram', 'number'],
    constantArgs: [1],
    checkConstants: exactBoundCheck('the bound'),
    evaluate: ([histogram, bound]) =>
      shareOf(asHistogram(histogram ?? null), (h) => countBelow(h, asNumber(bound ?? null) ?? 0)),
  },
  /** share_at_most(latency, boundMs): samples at or below the bound (≤), e.g. within a 3 s baseline; exact. */
  share_at_most: {
    args: ['histogram', 'number'],
    constantArgs: [1],
    checkConstants: exactBoundCheck('the bound'),
    evaluate: ([histogram, bound]) =>
      shareOf(asHistogram(histogram ?? null), (h) => countAtOrBelow(h, asNumber(bound ?? null) ?? 0)),
  },
  /**
   * apdex(latency, T): (satisfied + tolerating / 2) / total with satisfied t ≤ T and tolerating T < t ≤ 4T (§d.1).
   * T must be an exact bound; 4T is exact too for the seed targets (8, 12, 30, 40 s) and within one 2 % bucket
   * otherwise.
   */
  apdex: {
    args: ['histogram', 'number'],
    constantArgs: [1],
    checkConstants: exactBoundCheck('T'),
    evaluate: ([histogram, t]) => {
      const h = asHistogram(histogram ?? null);
      const target = asNumber(t ?? null) ?? 0;
      const total = h ? histogramCount(h) : 0;
      if (!h || total === 0) return null;
      const satisfied = countAtOrBelow(h, target);
      const toleratingOrBetter = estimateAtOrBelow(h, 4 * target);
      return (satisfied + toleratingOrBetter) / 2 / total;
    },
  },
  /**
   * share_within(latency, boundMs): like share_at_most but the bound may be a measurement (a business's SLA);
   * exact at exact bounds (every seed baseline is one), within one 2 % bucket otherwise.
   */
  share_within: {
    args: ['histogram', 'number'],
    evaluate: ([histogram, bound]) => {
      const h = asHistogram(histogram ?? null);
      const limit = asNumber(bound ?? null);
      const total = h ? histogramCount(h) : 0;
      if (!h || total === 0 || limit === null || limit <= 0) return null;
      return estimateAtOrBelow(h, limit) / total;
    },
  },
  /** apdex_at(latency, T): Apdex with T taken from a measurement (per business type); null when T is missing. */
  apdex_at: {
    args: ['histogram', 'number'],
    evaluate: ([histogram, t]) => {
      const h = asHistogram(histogram ?? null);
      const target = asNumber(t ?? null);
      const total = h ? histogramCount(h) : 0;
      if (!h || total === 0 || target === null || target <= 0) return null;
      return (estimateAtOrBelow(h, target) + estimateAtOrBelow(h, 4 * target)) / 2 / total;
    },
  },
  /** samples(latency): how many samples the histogram holds. */
  samples: {
    args: ['histogram'],
    evaluate: ([histogram]) => {
      const h = asHistogram(histogram ?? null);
      return h ? histogramCount(h) : null;
    },
  },
  min: {
    args: ['number', 'number'],
    evaluate: ([a, b]) => nullable2(a, b, Math.min),
  },
  max: {
    args: ['number', 'number'],
    evaluate: ([a, b]) => nullable2(a, b, Math.max),
  },
} satisfies Record<string, FunctionSpec>;

type FunctionName = keyof typeof FUNCTIONS;

function nullable2(
  a: Value | undefined,
  b: Value | undefined,
  f: (x: number, y: number) => number,
): number | null {
  const [x, y] = [asNumber(a ?? null), asNumber(b ?? null)];
  return x === null || y === null ? null : f(x, y);
}

export class FormulaError extends Error {
  override readonly name = 'FormulaError';
}

/** A compiled formula: which measurements it reads, and how to evaluate it. */
export interface CompiledFormula {
  readonly source: string;
  readonly measurements: readonly string[];
  evaluate(values: MeasurementValues): number | null;
}

interface JsepNode {
  readonly type: string;
  readonly [key: string]: unknown;
}

function kindOf(node: FormulaNode): ValueKind {
  if (node.type === 'measurement') return node.kind;
  return 'number';
}

function constantValue(node: FormulaNode): number | undefined {
  if (node.type === 'constant') return node.value;
  if (node.type === 'negate') {
    const inner = constantValue(node.operand);
    return inner === undefined ? undefined : -inner;
  }
  if (node.type === 'binary') {
    // Folded so that `count / (2 - 2)` is caught as a constant zero divisor, like `count / 0`.
    const left = constantValue(node.left);
    const right = constantValue(node.right);
    if (left === undefined || right === undefined) return undefined;
    if (node.operator === '/') return right === 0 ? undefined : left / right;
    if (node.operator === '*') return left * right;
    return node.operator === '+' ? left + right : left - right;
  }
  return undefined;
}

function build(node: JsepNode, catalog: MeasurementCatalog, problems: string[]): FormulaNode {
  switch (node.type) {
    case 'Literal': {
      if (typeof node.value !== 'number') {
        problems.push(`only numbers are allowed as constants, not ${String(node.raw)}`);
        return { type: 'constant', value: 0 };
      }
      return { type: 'constant', value: node.value };
    }
    case 'Identifier': {
      const name = String(node.name);
      const kind = catalog[name];
      if (!kind) {
        problems.push(`unknown measurement "${name}" (known: ${Object.keys(catalog).sort().join(', ')})`);
        return { type: 'constant', value: 0 };
      }
      return { type: 'measurement', name, kind };
    }
    case 'UnaryExpression': {
      const operand = build(node.argument as JsepNode, catalog, problems);
      if (node.operator === '+') return operand;
      if (node.operator !== '-') problems.push(`operator "${String(node.operator)}" is not allowed`);
      return { type: 'negate', operand };
    }
    case 'BinaryExpression':
      return buildBinary(node, catalog, problems);
    case 'CallExpression':
      return buildCall(node, catalog, problems);
    default:
      problems.push(`${node.type.replace('Expression', '').toLowerCase()} expressions are not allowed`);
      return { type: 'constant', value: 0 };
  }
}

function buildBinary(node: JsepNode, catalog: MeasurementCatalog, problems: string[]): FormulaNode {
  const operator = String(node.operator);
  const left = build(node.left as JsepNode, catalog, problems);
  const right = build(node.right as JsepNode, catalog, problems);
  if (operator !== '+' && operator !== '-' && operator !== '*' && operator !== '/') {
    problems.push(`operator "${operator}" is not allowed (use + - * /)`);
    return left;
  }
  for (const side of [left, right])
    if (kindOf(side) === 'histogram')
      problems.push(
        `"${side.type === 'measurement' ? side.name : '?'}" is a histogram: use quantile, share_below, share_at_most or apdex`,
      );
  if (operator === '/' && constantValue(right) === 0) problems.push('divides by a constant zero');
  return { type: 'binary', operator, left, right };
}

function buildCall(node: JsepNode, catalog: MeasurementCatalog, problems: string[]): FormulaNode {
  const callee = node.callee as JsepNode;
  const name = callee.type === 'Identifier' ? String(callee.name) : '';
  const spec: FunctionSpec | undefined = (FUNCTIONS as Record<string, FunctionSpec>)[name];
  if (!spec) {
    problems.push(`unknown function "${name}" (known: ${Object.keys(FUNCTIONS).join(', ')})`);
    return { type: 'constant', value: 0 };
  }
  const args = (node.arguments as JsepNode[]).map((arg) => build(arg, catalog, problems));
  if (args.length !== spec.args.length) {
    problems.push(`${name} takes ${spec.args.length} argument(s), got ${args.length}`);
    return { type: 'constant', value: 0 };
  }
  spec.args.forEach((expected, index) => {
    const actual = kindOf(args[index] as FormulaNode);
    if (actual !== expected)
      problems.push(`${name}: argument ${index + 1} must be a ${expected}, got a ${actual}`);
  });
  const constants: number[] = [];
  for (const index of spec.constantArgs ?? []) {
    const value = constantValue(args[index] as FormulaNode);
    if (value === undefined) problems.push(`${name}: argument ${index + 1} must be a constant`);
    else constants.push(value);
  }
  if (constants.length === (spec.constantArgs ?? []).length) {
    const problem = spec.checkConstants?.(constants);
    if (problem) problems.push(`${name}: ${problem}`);
  }
  return { type: 'call', name: name as FunctionName, args };
}

function evaluateNode(node: FormulaNode, values: MeasurementValues): Value {
  switch (node.type) {
    case 'constant':
      return node.value;
    case 'measurement': {
      const value = values[node.name];
      return value === undefined ? null : value;
    }
    case 'negate': {
      const operand = asNumber(evaluateNode(node.operand, values));
      return operand === null ? null : -operand;
    }
    case 'binary': {
      const left = asNumber(evaluateNode(node.left, values));
      const right = asNumber(evaluateNode(node.right, values));
      if (left === null || right === null) return null;
      if (node.operator === '/') return right === 0 ? null : left / right;
      if (node.operator === '*') return left * right;
      return node.operator === '+' ? left + right : left - right;
    }
    case 'call': {
      const spec: FunctionSpec = FUNCTIONS[node.name];
      return spec.evaluate(node.args.map((arg) => evaluateNode(arg, values)));
    }
  }
}

function collectMeasurements(node: FormulaNode, into: Set<string>): void {
  if (node.type === 'measurement') into.add(node.name);
  else if (node.type === 'negate') collectMeasurements(node.operand, into);
  else if (node.type === 'binary') {
    collectMeasurements(node.left, into);
    collectMeasurements(node.right, into);
  } else if (node.type === 'call') for (const arg of node.args) collectMeasurements(arg, into);
}

/**
 * Parses and checks a formula against the measurements of its source; throws a FormulaError listing every problem
 * (syntax with its position, unknown measurements or functions, wrong argument kinds, constant zero divisors).
 */
export function compileFormula(source: string, catalog: MeasurementCatalog): CompiledFormula {
  let parsed: JsepNode;
  try {
    parsed = jsep(source);
  } catch (error) {
    const { description, index } = error as { description?: string; index?: number };
    throw new FormulaError(`syntax: ${description ?? (error as Error).message} at character ${index ?? 0}`);
  }
  const problems: string[] = [];
  const root = build(parsed, catalog, problems);
  if (problems.length === 0 && kindOf(root) !== 'number')
    problems.push(
      'the formula must produce a number (wrap a histogram in quantile, share_below, share_at_most or apdex)',
    );
  if (problems.length > 0) throw new FormulaError(problems.join('; '));
  const measurements = new Set<string>();
  collectMeasurements(root, measurements);
  return {
    source,
    measurements: [...measurements].sort(),
    evaluate(values) {
      const result = asNumber(evaluateNode(root, values));
      return result === null || !Number.isFinite(result) ? null : result;
    },
  };
}
