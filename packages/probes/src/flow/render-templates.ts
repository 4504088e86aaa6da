import { TEMPLATE_PATTERN } from '@ganzhi/contracts';
import type { FlowVariables } from './flow-variables.js';

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
  return text.replace(TEMPLATE_PATTERN, (_match, name: string) => {
    const resolved = variables.resolve(name);
    if (resolved === undefined)
      throw new UnknownVariableError(`unknown variable {{${name}}} in ${path || 'step'}`);
    return resolved.value;
  });
}
