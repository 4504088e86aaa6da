import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { checkInputSchema, type CheckInput, type CheckInputRaw } from './check.js';

/**
 * Checks as code in YAML: written exactly as `ganzhi export` writes them, and read back one check at a time with
 * every problem placed on its line (the console's YAML view). The schema is the one `ganzhi apply` and the server use.
 */

/** The first line of every export. */
export const CHECK_EXPORT_HEADER = '# Ganzhi checks, exported; apply with: ganzhi apply -f <this file>\n';

/**
 * Only what `ganzhi apply` takes back: server-side fields (id, status, timestamps) dropped, defaults filled in, and
 * the fields in the schema's order, so an export is stable and diffs well in git.
 * @example toCheckDefinition(await api.get('/checks/c1')) // { name, description, enabled, intervalSeconds, … }
 */
export function toCheckDefinition(check: unknown): CheckInput {
  return checkInputSchema.parse(check);
}

/**
 * The text `ganzhi export` writes: a header comment and `{ checks: [...] }`, the shape `ganzhi apply` reads.
 * `lineWidth: 0` keeps long URLs and expressions on one line instead of folding them.
 * @example checksToYaml([toCheckDefinition(check)]) // "# Ganzhi checks, exported; …\nchecks:\n  - name: …"
 */
export function checksToYaml(checks: readonly CheckInputRaw[]): string {
  return `${CHECK_EXPORT_HEADER}${stringify({ checks }, { lineWidth: 0 })}`;
}

/**
 * One problem of a check's YAML. `kind` says what went wrong: the text is not YAML (`syntax`), it holds more or
 * fewer than one check (`count`), or the check breaks the schema (`schema`, or a refusal placed with
 * `locateCheckIssues`).
 */
export interface CheckYamlIssue {
  readonly kind: 'syntax' | 'count' | 'schema';
  /** Dotted path inside the check, as `ganzhi apply` names it (`steps.1.url`); empty for the text as a whole. */
  readonly path: string;
  /** 1-based line of the field, or of the nearest enclosing one that exists when the field is missing. */
  readonly line: number;
  readonly message: string;
  /** For `count`: how many checks the text holds. */
  readonly checks?: number;
}

/**
 * The language of the schema's generic messages ("too small: expected number to be >=10"); messages the schema
 * words itself ("a URL is required") stay as written, as `ganzhi apply` prints them.
 */
export interface ReadCheckYamlOptions {
  readonly language?: 'en' | 'zh-CN';
}

/** zod's own Simplified Chinese messages, made once. */
const zhCnSchemaMessages = zhCN().localeError;

export type CheckYamlReading =
  | { readonly ok: true; readonly check: CheckInput }
  | { readonly ok: false; readonly issues: readonly CheckYamlIssue[] };

interface ParsedText {
  readonly document: Document;
  readonly lines: LineCounter;
}

function parseText(text: string): ParsedText {
  const lines = new LineCounter();
  return { document: parseDocument(text, { lineCounter: lines }), lines };
}

/** `checks: [...]` as `ganzhi apply` recognises it; anything else is one check. */
function checksOf(value: unknown): unknown[] | undefined {
  if (typeof value !== 'object' || value === null || !('checks' in value)) return undefined;
  return Array.isArray(value.checks) ? (value.checks as unknown[]) : undefined;
}

/** The offset where a node starts, if it has a place in the text (a pair's key stands for the pair). */
function startOf(node: unknown): number | undefined {
  return isNode(node) ? node.range?.[0] : undefined;
}

/**
 * The offset of the deepest node along `path` that exists: the key of a mapping entry, the item of a sequence. A
 * missing field is placed on the mapping that should hold it.
 */
function offsetOfPath(document: Document, path: readonly PropertyKey[]): number {
  let node: unknown = document.contents;
  let offset = startOf(node) ?? 0;
  for (const segment of path) {
    let next: { at: number | undefined; node: unknown } | undefined;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair) next = { at: startOf(pair.key), node: pair.value };
    } else if (isSeq(node) && typeof segment !== 'symbol') {
      const item: unknown = node.items[Number(segment)];
      if (item !== undefined) next = { at: startOf(item), node: item };
    }
    if (!next) break;
    offset = next.at ?? offset;
    node = next.node;
  }
  return offset;
}

function lineOf(parsed: ParsedText, path: readonly PropertyKey[]): number {
  return parsed.lines.linePos(offsetOfPath(parsed.document, path)).line;
}

/** The yaml library's message without its "at line …" tail and code excerpt; the line is reported on its own. */
function syntaxMessage(message: string): string {
  const [first = message] = message.split('\n');
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

/** Where the check sits in the document: inside `checks:` when the text is an export, else the whole document. */
function checkPrefixOf(value: unknown): readonly PropertyKey[] {
  return checksOf(value) ? ['checks', 0] : [];
}

/**
 * Reads the YAML of one check, either an export holding one check or the check alone (both are what `ganzhi apply`
 * accepts), and validates it with the shared check schema. Every problem comes with its line.
 * @example readCheckYaml('name: x\nsteps: []\n') // { ok: false, issues: [{ kind: 'schema', path: 'steps', line: 2, … }] }
 */
export function readCheckYaml(text: string, options: ReadCheckYamlOptions = {}): CheckYamlReading {
  const parsed = parseText(text);
  const { document } = parsed;
  if (document.errors.length > 0) {
    const issues = document.errors.map((error): CheckYamlIssue => ({
      kind: 'syntax',
      path: '',
      line: error.linePos?.[0].line ?? 1,
      message: syntaxMessage(error.message),
    }));
    return { ok: false, issues };
  }
  const value: unknown = document.toJS();
  const checks = checksOf(value);
  if (checks && checks.length !== 1) {
    const line = lineOf(parsed, ['checks', 1]);
    const message = `the text holds ${checks.length} checks; one is expected`;
    return { ok: false, issues: [{ kind: 'count', path: 'checks', line, message, checks: checks.length }] };
  }
  const result = checkInputSchema.safeParse(
    checks ? checks[0] : value,
    options.language === 'zh-CN' ? { error: zhCnSchemaMessages } : undefined,
  );
  if (result.success) return { ok: true, check: result.data };
  const prefix = checkPrefixOf(value);
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      kind: 'schema',
      path: issue.path.map(String).join('.'),
      line: lineOf(parsed, [...prefix, ...issue.path]),
      message: issue.message,
    })),
  };
}

/**
 * Places problems found elsewhere (the server's `details`, paths such as `locations.1`) on the lines of the YAML
 * they are about, with the messages as they were written.
 */
export function locateCheckIssues(
  text: string,
  issues: readonly { readonly path: string; readonly message: string }[],
): CheckYamlIssue[] {
  const parsed = parseText(text);
  const prefix = checkPrefixOf(parsed.document.errors.length > 0 ? undefined : parsed.document.toJS());
  return issues.map((issue) => {
    const path = issue.path === '' ? [] : issue.path.split('.');
    return {
      kind: 'schema',
      path: issue.path,
      line: lineOf(parsed, [...prefix, ...path]),
      message: issue.message,
    };
  });
}
