// Reads the fenced examples of a Markdown document and says what each one is, so the examples test can run them.
import { parseAllDocuments } from 'yaml';

/**
 * What the line before a fence says about its block (`<!-- example: … -->`, invisible when rendered):
 * - `skip: <reason>`: not run, for the reason given (a reason is required);
 * - `output`: the JSON the shell block before it prints, compared value by value;
 * - `background until "<text>"`: a shell block that keeps running (an agent); ready once it prints the text,
 *   stopped when the document's examples end.
 */
export type ExampleMarker =
  | { readonly kind: 'none' }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'output' }
  | { readonly kind: 'background'; readonly readyText: string };

export interface MarkdownBlock {
  /** Path of the document, for messages. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly language: string;
  readonly text: string;
  readonly marker: ExampleMarker;
}

/** How the examples test treats a block. */
export type ExampleKind =
  | { readonly kind: 'shell' }
  | { readonly kind: 'background'; readonly readyText: string }
  | { readonly kind: 'output'; readonly values: readonly unknown[] }
  /** Check definitions (a check, or `{ checks: [...] }`), each applied and run once; maybe also a file. */
  | { readonly kind: 'checks'; readonly checks: readonly unknown[]; readonly path: string | undefined }
  /** A file the following shell blocks use (a tail configuration, a model for `ganzhi apply`). */
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'not-run'; readonly reason: string }
  | { readonly kind: 'invalid'; readonly problem: string };

const MARKER = /^<!--\s*example:\s*(.*?)\s*-->$/;
const FENCE = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell']);

function parseMarker(line: string | undefined): ExampleMarker | string {
  const match = MARKER.exec(line?.trim() ?? '');
  if (!match) return { kind: 'none' };
  const body = match[1] ?? '';
  const skip = /^skip:\s*(\S.*)$/.exec(body);
  if (skip) return { kind: 'skip', reason: skip[1] ?? '' };
  if (body === 'output') return { kind: 'output' };
  const background = /^background until "([^"]+)"$/.exec(body);
  if (background) return { kind: 'background', readyText: background[1] ?? '' };
  return `unknown example marker "${body}" (skip: <reason> | output | background until "<text>")`;
}

/** The fenced blocks of a Markdown text, in order, each with the marker on the nearest non-blank line above. */
export function readMarkdownBlocks(file: string, markdown: string): MarkdownBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE.exec(lines[index] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', language = ''] = open;
    const end = lines.findIndex(
      (line, at) => at > index && line.trim().startsWith(fence[0] ?? '`') && line.trim() === fence,
    );
    const last = end === -1 ? lines.length : end;
    const text = lines
      .slice(index + 1, last)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n');
    let above = index - 1;
    while (above >= 0 && (lines[above] ?? '').trim() === '') above--;
    const marker = parseMarker(lines[above]);
    blocks.push({
      file,
      line: index + 1,
      language,
      text: `${text}\n`,
      marker: typeof marker === 'string' ? { kind: 'skip', reason: `INVALID: ${marker}` } : marker,
    });
    index = last;
  }
  return blocks;
}

/** `# checks/web-hall.yaml …` on the first line names the file the block is; only relative paths inside the directory. */
export function namedPath(text: string): string | undefined {
  const match = /^#\s*([\w./-]+\.(?:ya?ml|json))\b/.exec(text);
  const path = match?.[1];
  if (path === undefined || path.startsWith('/') || path.split('/').includes('..')) return undefined;
  return path;
}

/** JSON values written one after another (as curl prints successive answers), in order. */
export function readJsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let start = -1;
  let depth = 0;
  let isInString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (isInString) {
      if (char === '\\') at++;
      else if (char === '"') isInString = false;
      continue;
    }
    if (char === '"' && depth > 0) isInString = true;
    else if (char === '{' || char === '[') {
      if (depth === 0) start = at;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) values.push(JSON.parse(text.slice(start, at + 1)));
    } else if (depth === 0 && char !== undefined && /\S/.test(char)) {
      const scalar = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null|"(?:[^"\\]|\\.)*")/.exec(
        text.slice(at),
      );
      if (!scalar) throw new Error(`not JSON at character ${at}: ${text.slice(at, at + 40)}`);
      values.push(JSON.parse(scalar[0]));
      at += scalar[0].length - 1;
    }
  }
  return values;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDocuments(block: MarkdownBlock): unknown[] {
  if (block.language === 'json') return readJsonValues(block.text);
  const documents = parseAllDocuments(block.text);
  const list = Array.isArray(documents) ? documents : [documents];
  for (const document of list)
    if (document.errors.length > 0) throw new Error(document.errors.map((e) => e.message).join('; '));
  return list.map((document) => document.toJS() as unknown);
}

/** The checks a YAML/JSON document defines: a single check (`steps`) or a `{ checks: [...] }` list. */
function checksOf(documents: readonly unknown[]): unknown[] {
  return documents.flatMap((document) => {
    if (!isRecord(document)) return [];
    if (Array.isArray(document.steps)) return [document];
    if (Array.isArray(document.checks)) return document.checks as unknown[];
    return [];
  });
}

function classifyDocuments(block: MarkdownBlock): ExampleKind {
  let documents: unknown[];
  try {
    documents = readDocuments(block);
  } catch (error) {
    return { kind: 'invalid', problem: `does not parse: ${(error as Error).message}` };
  }
  const path = namedPath(block.text);
  const checks = checksOf(documents);
  if (checks.length > 0) return { kind: 'checks', checks, path };
  if (path !== undefined) return { kind: 'file', path };
  return {
    kind: 'invalid',
    problem:
      'neither checks nor a file named on its first line (`# path.yaml`); mark it <!-- example: skip: why -->',
  };
}

/** Decides how a block is treated; `invalid` blocks fail the examples test with their problem. */
export function classifyBlock(block: MarkdownBlock): ExampleKind {
  const { marker, language } = block;
  if (marker.kind === 'skip')
    return marker.reason.startsWith('INVALID: ')
      ? { kind: 'invalid', problem: marker.reason.slice('INVALID: '.length) }
      : { kind: 'not-run', reason: marker.reason };
  if (language === '') return { kind: 'invalid', problem: 'a fence without a language (use text for prose)' };
  if (marker.kind === 'output') {
    try {
      return { kind: 'output', values: readJsonValues(block.text) };
    } catch (error) {
      return { kind: 'invalid', problem: `output is not JSON: ${(error as Error).message}` };
    }
  }
  if (SHELL_LANGUAGES.has(language))
    return marker.kind === 'background'
      ? { kind: 'background', readyText: marker.readyText }
      : { kind: 'shell' };
  if (marker.kind === 'background')
    return { kind: 'invalid', problem: 'only shell blocks can run in the background' };
  if (language === 'text') return { kind: 'not-run', reason: 'text (a log sample, a diagram)' };
  if (language === 'yaml' || language === 'json') return classifyDocuments(block);
  return {
    kind: 'invalid',
    problem: `a ${language} block is not run; mark it <!-- example: skip: why --> if that is intended`,
  };
}
