import { JSONPath } from 'jsonpath-plus';
import type { StepObservation } from '../step-executor.js';

/** A value read from what a step observed; undefined when it is not there. */
export type SubjectValue = string | number | boolean | undefined;

/** The first value a JSONPath selects in a JSON body; undefined when the body is not JSON or nothing matches. */
export function readJsonPath(body: string | undefined, path: string): SubjectValue {
  if (body === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const found: unknown = JSONPath({ path, json: json as object, wrap: true, eval: false });
  const first: unknown = Array.isArray(found) ? found[0] : undefined;
  if (first === undefined || first === null) return undefined;
  if (typeof first === 'string' || typeof first === 'number' || typeof first === 'boolean') return first;
  return JSON.stringify(first);
}

/** The first capture group of `pattern` in the body (or the whole match when it has no group). */
export function readRegex(body: string | undefined, pattern: string): SubjectValue {
  if (body === undefined) return undefined;
  const match = new RegExp(pattern).exec(body);
  return match ? (match[1] ?? match[0]) : undefined;
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
