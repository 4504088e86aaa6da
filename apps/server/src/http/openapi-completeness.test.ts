// Every operation of the OpenAPI document describes what it takes and what it answers: a body schema for each
// operation that accepts a body, and a 2xx response schema for each (or an explicit 204 with no content). Clients
// and the console's types are generated from this document; an undescribed body is an undocumented API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@ganzhi/testing';
import { openTestApp, type TestApp } from '../test-app.js';

interface MediaType {
  readonly schema?: Record<string, unknown>;
}

interface OperationObject {
  readonly requestBody?: { readonly content?: Record<string, MediaType> };
  readonly responses?: Record<
    string,
    { readonly description?: string; readonly content?: Record<string, MediaType> }
  >;
  readonly 'x-ganzhi-body'?: 'none';
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
}

const BODY_METHODS = new Set(['post', 'put', 'patch']);

function hasSchema(content: Record<string, MediaType> | undefined): boolean {
  return Object.values(content ?? {}).some(
    (media) => media.schema !== undefined && Object.keys(media.schema).length > 0,
  );
}

/** The problems of one operation, empty when it is fully described. */
export function undescribedParts(method: string, operation: OperationObject): string[] {
  const problems: string[] = [];
  const bodyless = operation['x-ganzhi-body'] === 'none';
  if (BODY_METHODS.has(method) && !bodyless && !hasSchema(operation.requestBody?.content))
    problems.push('no requestBody schema');
  const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
  const described = success.some(([status, response]) => status === '204' || hasSchema(response.content));
  if (!described) problems.push('no 2xx response schema');
  return problems;
}

describe('OpenAPI document', () => {
  let harness: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    harness = await openTestApp({ dialect: 'sqlite', clock: new FakeClock(Date.UTC(2026, 11, 3, 2)) });
    document = (await harness.app.inject({ url: '/api/v1/openapi.json' })).json<OpenApiDocument>();
  });

  afterAll(() => harness.close());

  it('describes the request body of every operation that takes one and a 2xx response of every operation', () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
    );
    expect(operations.length).toBeGreaterThan(60);
    const undescribed = operations.flatMap(({ method, path, operation }) =>
      undescribedParts(method, operation).map((problem) => `${method.toUpperCase()} ${path}: ${problem}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('describes the samples body of POST /resources/samples', () => {
    const operation = document.paths['/api/v1/resources/samples']?.post;
    expect(operation?.requestBody?.content).toBeDefined();
    expect(undescribedParts('post', operation ?? {})).toEqual([]);
  });

  it('flags an operation whose body or answer is not described', () => {
    expect(undescribedParts('post', { responses: { 200: { description: 'ok' } } })).toEqual([
      'no requestBody schema',
      'no 2xx response schema',
    ]);
    expect(undescribedParts('delete', { responses: { 204: { description: 'gone' } } })).toEqual([]);
  });
});
