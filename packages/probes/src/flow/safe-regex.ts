import { RE2JS } from 're2js';

/**
 * How much of a subject a user pattern reads: the first 1 Mi UTF-16 code units (the HTTP body sample is 1 MiB too).
 * The engine is linear in the subject's length, but linear still means ~0.3 s per MiB when captures force its slow
 * path, so the subject is bounded to keep one match well under a second whatever the body size.
 */
export const USER_PATTERN_SUBJECT_LIMIT_CHARS = 1024 * 1024;

/** A pattern the linear-time engine cannot compile; the message names what is wrong or unsupported. */
export class UserPatternError extends Error {
  readonly code = 'EUSERPATTERN';
  override readonly name = 'UserPatternError';
}

export interface UserPatternMatch {
  /** The whole match. */
  readonly text: string;
  /** Numbered groups: `captures[0]` is group 1; undefined for a group that took no part in the match. */
  readonly captures: readonly (string | undefined)[];
  /** Named groups (`(?<name>…)`); undefined for a group that took no part in the match. */
  readonly groups: Readonly<Record<string, string | undefined>>;
}

/** A compiled user pattern; `test` and `exec` run in time linear in the (bounded) subject. */
export interface UserPattern {
  readonly source: string;
  readonly groupNames: readonly string[];
  test(text: string): boolean;
  exec(text: string): UserPatternMatch | null;
}

const FLAGS: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // RE2 always matches code points, so `u` changes nothing; it is accepted because JavaScript authors write it.
  u: 0,
};

const UNSUPPORTED_REASON =
  'is not supported: patterns run on a linear-time engine (RE2), which has no backreferences or lookaround';

/** Constructs a backtracking engine has and RE2 does not, named for the author (RE2's own messages are cryptic). */
function findUnsupported(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (char === '\\') {
      const next = source.slice(i + 1, i + 3);
      if (!inClass && /^[1-9]/.test(next)) return `a backreference (\\${next.charAt(0)})`;
      if (!inClass && next === 'k<') return 'a named backreference (\\k<name>)';
      i += 1;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') inClass = true;
    else if (char === '(') {
      const head = source.slice(i, i + 4);
      if (head.startsWith('(?<=') || head.startsWith('(?<!')) return `lookbehind ${head}…)`;
      if (head.startsWith('(?=') || head.startsWith('(?!')) return `lookahead ${head.slice(0, 3)}…)`;
    }
  }
  return null;
}

function flagBits(flags: string): number {
  let bits = 0;
  for (const flag of flags) {
    const bit = FLAGS[flag];
    if (bit === undefined)
      throw new UserPatternError(`the regular expression flag "${flag}" is not supported`);
    bits |= bit;
  }
  return bits;
}

/** The subject a pattern reads, cut at the limit without splitting a surrogate pair. */
function bounded(text: string): string {
  if (text.length <= USER_PATTERN_SUBJECT_LIMIT_CHARS) return text;
  const end = USER_PATTERN_SUBJECT_LIMIT_CHARS;
  const last = text.charCodeAt(end - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}

function compileEngine(source: string, flags: string): RE2JS {
  const unsupported = findUnsupported(source);
  if (unsupported) throw new UserPatternError(`${unsupported} ${UNSUPPORTED_REASON}`);
  const bits = flagBits(flags);
  try {
    // translateRegExp turns JavaScript spellings (`\u00e9`, `(?<name>`, `/`) into RE2's.
    return RE2JS.compile(RE2JS.translateRegExp(source), bits);
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
    throw new UserPatternError(`invalid regular expression: ${detail}`, { cause: error });
  }
}

/**
 * Compiles a regular expression written by a user (a flow assertion or extraction, a log-tail pattern) for a
 * linear-time engine, so no pattern can stall the process the way `^(a+)+$` stalls a backtracking one. JavaScript
 * syntax is accepted except backreferences and lookaround; flags `i`, `m`, `s` (and a harmless `u`). Subjects are
 * read up to `USER_PATTERN_SUBJECT_LIMIT_CHARS`. Throws UserPatternError naming what cannot be compiled.
 *
 * @example compileUserPattern('order=(?<id>\\d+)').exec('order=42')?.groups.id // '42'
 */
export function compileUserPattern(source: string, flags = ''): UserPattern {
  const engine = compileEngine(source, flags);
  const groupNames = Object.keys(engine.namedGroups());
  return {
    source,
    groupNames,
    test: (text) => engine.test(bounded(text)),
    exec: (text) => {
      const subject = bounded(text);
      // The boolean test runs on RE2's DFA; only a subject that matches pays for the slower capturing pass.
      if (!engine.test(subject)) return null;
      const match = engine.exec(subject) as (string | undefined)[] | null;
      if (!match) return null;
      const named = (match as { groups?: Record<string, string | undefined> }).groups;
      return {
        text: match[0] ?? '',
        captures: match.slice(1),
        groups: Object.fromEntries(groupNames.map((name) => [name, named?.[name]])),
      };
    },
  };
}

/** Why `source` cannot be used as a user pattern, or null when it can. */
export function findPatternProblem(source: string, flags = ''): string | null {
  try {
    compileEngine(source, flags);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
