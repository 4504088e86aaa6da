import { TEMPLATE_PATTERN } from '@ganzhi/contracts';
import type { FlowValue, FlowVariables } from './flow-variables.js';

/** A placeholder nothing defines: the step cannot run as written. */
export class UnknownVariableError extends Error {
  readonly code = 'EUNKNOWNVAR';
}

/**
 * Renders `{{name}}` placeholders in every string inside `value` (deeply), leaving the structure alone.
 * Throws UnknownVariableError naming the first undefined placeholder and where it stands.
 */
export function renderTemplates<T>(value: T, variables: FlowVariables, path = ''): T {
  if (typeof value === 'string') return renderText(value, variables, path) as T;
  if (Array.isArray(value))
    return (value as unknown[]).map((item, index) =>
      renderTemplates(item, variables, `${path}.${index}`),
    ) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        renderTemplates(item, variables, path ? `${path}.${key}` : key),
      ]),
    ) as T;
  }
  return value;
}

function renderText(text: string, variables: FlowVariables, path: string): string {
  return renderValue(text, variables, path).value;
}

/** Renders one text and tells whether a secret went into it (the result is then secret too). */
export function renderValue(text: string, variables: FlowVariables, path: string): FlowValue {
  let secret = false;
  const value = text.replace(TEMPLATE_PATTERN, (_match, name: string) => {
    const resolved = variables.resolve(name);
    if (resolved === undefined)
      throw new UnknownVariableError(`unknown variable {{${name}}} in ${path || 'step'}`);
    secret ||= resolved.secret;
    return resolved.value;
  });
  return { value, secret };
}

/**
 * Defines a check's initial variables in order, each rendered once for the whole run, so `token: "{{secrets.KEY}}"`
 * is usable (and secret) and `{{$uuid}}` is one value throughout. A value may use built-ins, secrets and the
 * variables defined before it. Throws UnknownVariableError naming the variable.
 */
export function defineInitialVariables(
  variables: FlowVariables,
  initial: Readonly<Record<string, string>>,
): void {
  for (const [name, text] of Object.entries(initial))
    variables.set(name, renderValue(text, variables, `variables.${name}`));
}
