import type { Step } from '@ganzhi/contracts';
import type { StepArtifact, StepOutcome } from '../step-executor.js';
import type { SecretMasker } from './mask-secrets.js';

/** How much of a response body the scene keeps: enough to read an error page, bounded for storage. */
export const SCENE_BODY_LIMIT_BYTES = 8 * 1024;

const SENSITIVE_HEADERS = new Set([
  'authorization',
  'cookie',
  'set-cookie',
  'proxy-authorization',
  'x-api-key',
]);

function redactHeaders(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  if (!headers) return undefined;
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      SENSITIVE_HEADERS.has(name.toLowerCase()) ? '[redacted]' : value,
    ]),
  );
}

// Bodies are masked before they are cut: a secret cut in two at the limit would no longer be recognised.
function masked(text: string | undefined, masker: SecretMasker): string | undefined {
  return text === undefined ? undefined : masker.maskText(text);
}

function excerpt(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  const bytes = Buffer.from(body, 'utf8');
  return bytes.length <= SCENE_BODY_LIMIT_BYTES
    ? body
    : `${bytes.subarray(0, SCENE_BODY_LIMIT_BYTES).toString('utf8')}…`;
}

/** The step as sent, without credentials: URL query strings and auth are kept out of stored scenes. */
function describeRequest(step: Step | undefined, masker: SecretMasker): unknown {
  if (!step) return undefined;
  if (step.kind !== 'http') return step;
  const url = new URL(step.url);
  return {
    kind: 'http',
    name: step.name,
    method: step.method,
    url: `${url.origin}${url.pathname}`,
    headers: redactHeaders(step.headers),
    body: excerpt(
      masked(step.body ?? (step.json === undefined ? undefined : JSON.stringify(step.json)), masker),
    ),
    form: step.form,
  };
}

/**
 * The problem scene of a failed step as one JSON artifact: what was sent (credentials redacted), what came back
 * (status, headers, a bounded body excerpt) and the verdict — so nobody has to call the customer back to ask.
 * Every string passes the run's masker, so a secret echoed by the target (plain or encoded) stays hidden.
 */
export function buildSceneArtifact(
  outcome: StepOutcome & { rendered?: Step },
  masker: SecretMasker,
): StepArtifact {
  const { observation, result } = outcome;
  const scene = {
    step: describeRequest(outcome.rendered, masker),
    result: {
      errorClass: result.errorClass,
      errorMessage: result.errorMessage,
      timings: result.timings,
      assertions: result.assertions,
    },
    response: observation
      ? {
          status: observation.status,
          headers: redactHeaders(observation.headers),
          body: excerpt(masked(observation.body, masker)),
        }
      : undefined,
  };
  return {
    kind: 'response',
    contentType: 'application/json',
    content: Buffer.from(JSON.stringify(masker.mask(scene), null, 2)),
  };
}
