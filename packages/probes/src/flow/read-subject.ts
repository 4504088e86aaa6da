import type { StepObservation } from '../step-executor.js';
import { compileJsonPath } from './json-path.js';
import { compileUserPattern } from './safe-regex.js';

/** A value read from what a step observed; undefined when it is not there. */
export type SubjectValue = string | number | boolean | undefined;

/**
 * The first value a JSONPath selects in a JSON body; undefined when the body is not JSON or nothing matches. Throws
 * JsonPathError for a path it refuses, whatever the body: such a path never selects anything, nor the whole body.
 */
export function readJsonPath(body: string | undefined, path: string): SubjectValue {
  const query = compileJsonPath(path);
  if (body === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const first = query.select(json)[0];
  if (first === undefined || first === null) return undefined;
  if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') return first;
  return JSON.stringify(first);
}

/**
 * The first capture group of `pattern` in the body (or the whole match when it has no group), on the linear-time
 * engine. Throws UserPatternError for a pattern it cannot compile (validation refuses those at save time).
 */
export function readRegex(body: string | undefined, pattern: string): SubjectValue {
  if (body === undefined) return undefined;
  const match = compileUserPattern(pattern).exec(body);
  return match ? (match.captures[0] ?? match.text) : undefined;
}

export type SubjectKind =
  'status' | 'body' | 'header' | 'cookie' | 'jsonPath' | 'regex' | 'latencyMs' | 'text' | 'css';

/** Reads one subject from an observation; browser subjects (text, css) ask the live page. */
export async function readSubject(
  observation: StepObservation,
  subject: { kind: SubjectKind; expression: string },
): Promise<SubjectValue> {
  const { expression } = subject;
  switch (subject.kind) {
    case 'status':
      return observation.status;
    case 'body':
      return observation.body;
    case 'latencyMs':
      return observation.latencyMs;
    case 'header':
      return observation.headers?.[expression.toLowerCase()];
    case 'cookie':
      return observation.cookies?.[expression];
    case 'jsonPath':
      return readJsonPath(observation.body, expression);
    case 'regex':
      return readRegex(observation.body, expression);
    case 'text':
    case 'css': {
      const text = await observation.textOf?.(expression || undefined);
      return text ?? undefined;
    }
  }
}
