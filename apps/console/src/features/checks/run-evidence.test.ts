import { describe, expect, it } from 'vitest';
import type { Run } from '@ganzhi/contracts';
import {
  decodeBase64Text,
  evidenceOfRun,
  evidenceOfTry,
  prettyJson,
  readableScene,
  sceneStatusOf,
} from './run-evidence';

const scene = JSON.stringify({
  step: { url: 'http://a.test/' },
  response: { status: 500, body: '系统繁忙' },
});
const sceneBase64 = btoa(String.fromCharCode(...new TextEncoder().encode(scene)));

describe('run evidence', () => {
  it("points a stored run's artifacts at the artifact route", () => {
    const run = {
      id: 'r 1',
      startedAt: 'x',
      durationMs: 1,
      ok: false,
      errorClass: null,
      errorMessage: null,
      steps: [],
    };
    const evidence = evidenceOfRun({
      ...run,
      checkId: 'c',
      agentId: 'a',
      location: 'local',
      artifacts: [{ id: 'a/1', stepIndex: 1, kind: 'response', contentType: 'application/json', bytes: 10 }],
    } satisfies Run);
    expect(evidence.artifacts).toEqual([
      {
        key: 'a/1',
        stepIndex: 1,
        kind: 'response',
        contentType: 'application/json',
        source: { type: 'api', path: '/runs/r%201/artifacts/a%2F1' },
      },
    ]);
    expect(evidence.finalVariables).toBeNull();
  });

  it("keeps a try run's artifacts inline with its final variables", () => {
    const evidence = evidenceOfTry({
      startedAt: 'x',
      durationMs: 1,
      ok: true,
      errorClass: null,
      errorMessage: null,
      steps: [],
      variables: { token: '••••••' },
      artifacts: [{ stepIndex: 0, kind: 'screenshot', contentType: 'image/png', dataBase64: 'iVBO' }],
    });
    expect(evidence.artifacts[0]?.source).toEqual({ type: 'inline', dataBase64: 'iVBO' });
    expect(evidence.finalVariables).toEqual({ token: '••••••' });
  });

  it('decodes UTF-8 scenes, indents them and reads their status', () => {
    const text = decodeBase64Text(sceneBase64);
    expect(text).toBe(scene);
    expect(prettyJson(text)).toContain('\n  "response": {');
    expect(sceneStatusOf(text)).toBe(500);
    expect(prettyJson('not json')).toBe('not json');
    expect(sceneStatusOf('[]')).toBeNull();
  });

  it('lays a scene out response first, with a JSON body as JSON', () => {
    const stored = JSON.stringify({
      step: { method: 'GET' },
      result: { errorClass: 'http_status' },
      response: { status: 500, headers: {}, body: '{"error":{"code":"INTERNAL"}}' },
    });
    const readable = readableScene(stored);
    expect(Object.keys(JSON.parse(readable) as object)).toEqual(['response', 'step', 'result']);
    expect(readable).toContain('"status": 500');
    expect(readable).toContain('"code": "INTERNAL"');
    expect(readableScene('{"no":"response"}')).toBe('{\n  "no": "response"\n}');
  });
});
