/** A JSONPath that cannot be used; the message names the problem and, for syntax, the character where it is. */
export class JsonPathError extends Error {
  readonly code = 'EJSONPATH';
  override readonly name = 'JsonPathError';
}

/** What one bracket or dot selects: a member by name, an array element, a slice of an array, or every child. */
export type JsonPathSelector =
  | { readonly type: 'name'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'slice'; readonly text: string }
  | { readonly type: 'wildcard' };

/** One step of a path: its selectors (several for a union such as `[0,2]`), applied to descendants after `..`. */
export interface JsonPathSegment {
  readonly descendant: boolean;
  readonly selectors: readonly JsonPathSelector[];
}

const ROOT_EXAMPLE = '$.data.token';
// Member names written after a dot: letters and digits of any script, `_`, `-` and `$` (`$.data.用户`, `$.$ref`).
const DOT_NAME = /[\p{L}\p{M}\p{N}_$-]+/uy;
const DOT_NAME_START = /[\p{L}\p{M}\p{N}_$]/u;
const INTEGER = /-?\d+/y;
// Characters jsonpath-plus splits or rewrites even inside quotes, so a name holding one would select something else.
const UNQUOTABLE = /['"[\]\\;^,`]/;

const fail = (message: string): never => {
  throw new JsonPathError(`invalid JSONPath: ${message}`);
};

function describeChar(char: string | undefined): string {
  if (char === undefined) return 'the end';
  return char === ' ' ? '" " (a space)' : `"${char}"`;
}

/** Where a reading stands in the path it reads. */
interface Cursor {
  readonly path: string;
  at: number;
}

/** Where the cursor stands, as a 1-based character position for messages. */
function positionOf(c: Cursor, offset = 0): string {
  return `character ${String(c.at + offset + 1)}`;
}

function readSegment(c: Cursor): JsonPathSegment {
  const char = c.path[c.at];
  if (char === '[') return { descendant: false, selectors: readBracket(c) };
  if (char !== '.') return fail(`unexpected ${describeChar(char)} at ${positionOf(c)}`);
  const descendant = c.path[c.at + 1] === '.';
  const dots = descendant ? '..' : '.';
  const where = positionOf(c);
  c.at += dots.length;
  const next = c.path[c.at];
  if (descendant && next === '[') return { descendant, selectors: readBracket(c) };
  if (next === '*') {
    c.at += 1;
    return { descendant, selectors: [{ type: 'wildcard' }] };
  }
  DOT_NAME.lastIndex = c.at;
  const name = DOT_NAME.exec(c.path)?.[0];
  if (name === undefined) {
    const allowed = descendant ? 'a name, * or [' : 'a name or *';
    return fail(`"${dots}" at ${where} must be followed by ${allowed}, not ${describeChar(next)}`);
  }
  c.at += name.length;
  return { descendant, selectors: [checkName(name)] };
}

/** `[…]` from its opening bracket to just after its closing one. */
function readBracket(c: Cursor): JsonPathSelector[] {
  const opening = c.at;
  const where = positionOf(c);
  c.at += 1;
  const first = c.path[c.at];
  if (first === '?' || first === '(') {
    const end = c.path.indexOf(')]', opening);
    const shown = end === -1 ? `[${first === '?' ? '?(' : '('}…)]` : c.path.slice(opening, end + 2);
    throw new JsonPathError(
      `filter and script expressions such as ${shown} are not supported: checks evaluate JSONPath without running code`,
    );
  }
  const selectors: JsonPathSelector[] = [];
  for (;;) {
    if (c.at >= c.path.length) return fail(`"[" at ${where} is not closed`);
    selectors.push(readSelector(c));
    const next = c.path[c.at];
    c.at += 1;
    if (next === ']') break;
    if (next !== ',') {
      if (next === undefined) return fail(`"[" at ${where} is not closed`);
      return fail(`unexpected ${describeChar(next)} at ${positionOf(c, -1)}: expected "," or "]"`);
    }
  }
  if (selectors.length > 1 && selectors.some((s) => s.type === 'name' || s.type === 'wildcard'))
    fail(`the union at ${where} may list indexes and slices only, e.g. [0,2] or [0:2,5]`);
  return selectors;
}

function readSelector(c: Cursor): JsonPathSelector {
  const char = c.path[c.at];
  if (char === "'" || char === '"') return readQuotedName(c, char);
  if (char === '*') {
    c.at += 1;
    return { type: 'wildcard' };
  }
  if (char === ':' || char === '-' || (char !== undefined && /\d/.test(char))) return readIndexOrSlice(c);
  if (char !== undefined && DOT_NAME_START.test(char))
    return fail(
      `unexpected ${describeChar(char)} at ${positionOf(c)}: quote names in brackets, e.g. ['name']`,
    );
  return fail(`unexpected ${describeChar(char)} at ${positionOf(c)}`);
}

function readQuotedName(c: Cursor, quote: string): JsonPathSelector {
  const where = positionOf(c);
  const end = c.path.indexOf(quote, c.at + 1);
  if (end === -1) return fail(`the quote at ${where} is not closed`);
  const name = c.path.slice(c.at + 1, end);
  c.at = end + 1;
  if (name === '') return fail(`the name at ${where} is empty`);
  if (UNQUOTABLE.test(name))
    return fail(
      `the name at ${where} holds one of ' " [ ] \\ ; ^ , \` which the JSONPath engine cannot read`,
    );
  return checkName(name);
}

function readInteger(c: Cursor): string | undefined {
  INTEGER.lastIndex = c.at;
  const text = INTEGER.exec(c.path)?.[0];
  if (text === undefined) return undefined;
  if (/^-?0\d/.test(text)) fail(`write ${String(Number(text))}, not ${text}, at ${positionOf(c)}`);
  c.at += text.length;
  return text;
}

/** `[2]`, or a slice `[start:end:step]` with each part optional; the step is positive. */
function readIndexOrSlice(c: Cursor): JsonPathSelector {
  const where = positionOf(c);
  const start = readInteger(c);
  if (c.path[c.at] !== ':') {
    if (start === undefined) return fail(`unexpected "-" at ${where}`);
    if (start.startsWith('-'))
      return fail(`negative indexes such as [${start}] are not supported: use a slice, e.g. [${start}:]`);
    return { type: 'index', index: Number(start) };
  }
  c.at += 1;
  const end = readInteger(c);
  let step: string | undefined;
  if (c.path[c.at] === ':') {
    c.at += 1;
    step = readInteger(c);
    if (step !== undefined && !(Number(step) >= 1))
      fail(`the slice at ${where} has step ${step}: a step is at least 1`);
  }
  // jsonpath-plus reads an end of 0 as "to the end of the array", so [0:0] would select everything.
  if (end !== undefined && Number(end) === 0) fail(`the slice at ${where} ends at 0 and so selects nothing`);
  const text = `${start ?? ''}:${end ?? ''}${step === undefined ? '' : `:${step}`}`;
  return { type: 'slice', text };
}

/** Names jsonpath-plus would read as an operator rather than a member (`$` is the root, `@…` a type selector). */
function checkName(name: string): JsonPathSelector {
  if (name === '$' || name.startsWith('@'))
    fail(`the name "${name}" is read as an operator by the JSONPath engine`);
  return { type: 'name', name };
}

/**
 * Reads a JSONPath strictly, so a truncated or mistyped path (`$..[`, `$.a[`) is refused rather than read as a
 * shorter one. Paths start at the root `$`: relative paths are an extension of jsonpath-plus outside the JSONPath
 * specifications (RFC 9535 requires the `$`). Throws JsonPathError naming the problem and where it is.
 *
 * @example parseJsonPath('$.items[0].name') // [{ descendant: false, selectors: [{ type: 'name', name: 'items' }] }, …]
 */
export function parseJsonPath(path: string): JsonPathSegment[] {
  if (!path.startsWith('$')) {
    const suggestion = path.startsWith('[') ? `$${path}` : `$.${path}`;
    const example = path !== '' && isParsable(suggestion) ? suggestion : ROOT_EXAMPLE;
    throw new JsonPathError(`a JSONPath starts with "$", e.g. ${example}`);
  }
  return readSegments(path);
}

/**
 * The segments after the root `$`, read strictly: the JSONPath subset checks use (RFC 9535 without filter
 * expressions): `.name`, `.*`, `[…]` with a quoted name, an index, a slice or a union of indexes and slices, and
 * `..` before any of those.
 */
function readSegments(path: string): JsonPathSegment[] {
  const c: Cursor = { path, at: 1 };
  const segments: JsonPathSegment[] = [];
  while (c.at < path.length) segments.push(readSegment(c));
  return segments;
}

function isParsable(path: string): boolean {
  try {
    readSegments(path);
    return true;
  } catch {
    return false;
  }
}
