import type { ArtifactRef, ErrorClass, Run, StepResult } from '@ganzhi/contracts';
import type { TryResult } from './api/check-api';

export type ArtifactKind = ArtifactRef['kind'];

/** Where an artifact's content is: inline (a try run answers with it) or at an API path (a stored run). */
export type ArtifactSource =
  { readonly type: 'inline'; readonly dataBase64: string } | { readonly type: 'api'; readonly path: string };

export interface EvidenceArtifact {
  readonly key: string;
  readonly stepIndex: number;
  readonly kind: ArtifactKind;
  readonly contentType: string;
  readonly source: ArtifactSource;
}

/**
 * What a run left behind, whether it was a try (nothing stored) or a stored run: the verdict, each step's result
 * and the artifacts. One shape, so one waterfall and one scene component serve both.
 */
export interface RunEvidence {
  readonly startedAt: string;
  readonly durationMs: number;
  readonly ok: boolean;
  readonly errorClass: ErrorClass | null;
  readonly errorMessage: string | null;
  readonly steps: readonly StepResult[];
  /** The flow's variables when it ended (secrets masked); only a try run reports them. */
  readonly finalVariables: Readonly<Record<string, string>> | null;
  readonly artifacts: readonly EvidenceArtifact[];
}

export function evidenceOfTry(result: TryResult): RunEvidence {
  return {
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    ok: result.ok,
    errorClass: result.errorClass,
    errorMessage: result.errorMessage,
    steps: result.steps,
    finalVariables: result.variables,
    artifacts: result.artifacts.map((artifact, index) => ({
      key: `try-${index}`,
      stepIndex: artifact.stepIndex,
      kind: artifact.kind,
      contentType: artifact.contentType,
      source: { type: 'inline', dataBase64: artifact.dataBase64 },
    })),
  };
}

/** The API path of a stored artifact, relative to `/api/v1`. */
export function artifactPath(runId: string, artifactId: string): string {
  return `/runs/${encodeURIComponent(runId)}/artifacts/${encodeURIComponent(artifactId)}`;
}

export function evidenceOfRun(run: Run): RunEvidence {
  return {
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    ok: run.ok,
    errorClass: run.errorClass,
    errorMessage: run.errorMessage,
    steps: run.steps,
    finalVariables: null,
    artifacts: run.artifacts.map((artifact) => ({
      key: artifact.id,
      stepIndex: artifact.stepIndex,
      kind: artifact.kind,
      contentType: artifact.contentType,
      source: { type: 'api', path: artifactPath(run.id, artifact.id) },
    })),
  };
}

/** The step that decided a failed run (the flow stops at it), or undefined for a run that passed. */
export function failedStepOf(evidence: Pick<RunEvidence, 'steps'>): StepResult | undefined {
  return evidence.steps.find((step) => !step.ok);
}

/** Base64 of UTF-8 text back to the text (`atob` alone yields Latin-1 and garbles Chinese). */
export function decodeBase64Text(dataBase64: string): string {
  const binary = atob(dataBase64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** JSON re-indented for reading; anything that is not JSON is returned as it was. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A problem scene laid out for reading: the response first (what went wrong), then the request and the verdict;
 * a JSON response body is shown as JSON instead of one escaped string. Other text is only re-indented.
 */
export function readableScene(text: string): string {
  const scene = parseJson(text);
  if (!isRecord(scene) || !isRecord(scene.response)) return prettyJson(text);
  const { body } = scene.response;
  const bodyJson = typeof body === 'string' ? parseJson(body) : undefined;
  const response = bodyJson === undefined ? scene.response : { ...scene.response, body: bodyJson };
  const { response: _stored, ...rest } = scene;
  return JSON.stringify({ response, ...rest }, null, 2);
}

/** The HTTP status a problem scene recorded (`response.status`), for its heading; null when absent. */
export function sceneStatusOf(text: string): number | null {
  try {
    const scene: unknown = JSON.parse(text);
    if (scene === null || typeof scene !== 'object') return null;
    const response: unknown = Reflect.get(scene, 'response');
    if (response === null || typeof response !== 'object') return null;
    const status: unknown = Reflect.get(response, 'status');
    return typeof status === 'number' ? status : null;
  } catch {
    return null;
  }
}
