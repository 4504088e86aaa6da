import { TEMPLATE_PATTERN, secretNameSchema } from '@ganzhi/contracts';
import { SECRET_PREFIX, type FlowValue, type FlowVariables } from './flow-variables.js';

/** A placeholder nothing defines: the step cannot run as written. */
export class UnknownVariableError extends Error {
  readonly code = 'EUNKNOWNVAR';
}

/** How a secret the agent lacks can be given to it; both sources are described in docs/security.md. */
function describeSources(name: string): string {
  const sources: string[] = [];
  // GANZHI_SECRET_KEY is the server's key for secrets at rest; agents never read it as a probe secret.
  if (name !== 'KEY') sources.push(`set GANZHI_SECRET_${name} in the agent's environment`);
  if (secretNameSchema.safeParse(name).success)
    sources.push(`store a secret named ${name} (stored secrets reach the built-in agent only)`);
  return sources.join(', or ');
}

/**
 * A `{{secrets.NAME}}` the agent has no value for (unset or empty): the agent's configuration is incomplete, so the
 * step is not sent with a hole in it. The message names the secret and how to provide it.
 */
export class MissingSecretError extends Error {
  readonly code = 'EMISSINGSECRET';
  override readonly name = 'MissingSecretError';
  readonly secretName: string;

  constructor(secretName: string, where: string) {
    super(
      `secret {{${SECRET_PREFIX}${secretName}}} in ${where} has no value on this agent: ${describeSources(secretName)}`,
    );
    this.secretName = secretName;
  }
}

/**
 * Renders `{{name}}` placeholders in every string inside `value` (deeply), leaving the structure alone.
 * Throws UnknownVariableError naming the first undefined placeholder and where it stands, or MissingSecretError
 * for a secret the agent has no value for.
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

function unresolved(name: string, path: string): Error {
  const where = path || 'step';
  if (name.startsWith(SECRET_PREFIX)) return new MissingSecretError(name.slice(SECRET_PREFIX.length), where);
  return new UnknownVariableError(`unknown variable {{${name}}} in ${where}`);
}

/** Renders one text and tells whether a secret went into it (the result is then secret too). */
export function renderValue(text: string, variables: FlowVariables, path: string): FlowValue {
  let secret = false;
  const value = text.replace(TEMPLATE_PATTERN, (_match, name: string) => {
    const resolved = variables.resolve(name);
    if (resolved === undefined) throw unresolved(name, path);
    secret ||= resolved.secret;
    return resolved.value;
  });
  return { value, secret };
}

/**
 * Defines a check's initial variables in order, each rendered once for the whole run, so `token: "{{secrets.KEY}}"`
 * is usable (and secret) and `{{$uuid}}` is one value throughout. A value may use built-ins, secrets and the
 * variables defined before it. Throws UnknownVariableError naming the variable, or MissingSecretError.
 */
export function defineInitialVariables(
  variables: FlowVariables,
  initial: Readonly<Record<string, string>>,
): void {
  for (const [name, text] of Object.entries(initial))
    variables.set(name, renderValue(text, variables, `variables.${name}`));
}
