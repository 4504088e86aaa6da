import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, ValidationError } from '@ganzhi/runtime';
import { MAX_JSON_DEPTH, exceedsJsonDepth } from './json-depth.js';

export interface BodyLimitSettings {
  /** Bodies larger than this (or of unknown length) count as large. */
  readonly largeBodyBytes: number;
  /** Large bodies read and handled at the same time; more are answered 503 with Retry-After. */
  readonly maxConcurrentLargeBodies: number;
  /** Seconds a refused client is told to wait. */
  readonly retryAfterSeconds: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimitSettings = {
  largeBodyBytes: 1024 * 1024,
  maxConcurrentLargeBodies: 4,
  retryAfterSeconds: 5,
};

/** A JSON body nested beyond MAX_JSON_DEPTH levels, refused before it is parsed. */
export function tooDeepError(): ValidationError {
  const message = `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`;
  return new ValidationError(message, [{ path: 'body', message }]);
}

function isLarge(request: FastifyRequest, largeBodyBytes: number): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > largeBodyBytes;
  // A chunked body announces no length: it may be as large as the route allows.
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Bounds what request bodies may cost: JSON bodies (every route using the API's JSON parser) are refused with 400
 * when nested deeper than MAX_JSON_DEPTH, and at most `maxConcurrentLargeBodies` large bodies are read and handled
 * at once, so a burst of 64 MiB uploads cannot exhaust memory; the rest get 503 with Retry-After, which agents and
 * integrations already treat as "try again later". Registered before the routes, after access control (a caller
 * refused there never takes a slot).
 */
export function registerBodyLimits(
  app: FastifyInstance,
  settings: BodyLimitSettings = DEFAULT_BODY_LIMITS,
): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (exceedsJsonDepth(text, MAX_JSON_DEPTH)) {
      done(tooDeepError(), undefined);
      return;
    }
    void parseJson(request, text, done);
  });

  const holders = new WeakSet<FastifyRequest>();
  let inUse = 0;
  const release = async (request: FastifyRequest): Promise<void> => {
    if (holders.delete(request)) inUse -= 1;
    await Promise.resolve();
  };
  app.addHook('preParsing', async (request, reply, payload) => {
    if (!isLarge(request, settings.largeBodyBytes)) return payload;
    if (inUse >= settings.maxConcurrentLargeBodies) {
      reply.header('retry-after', String(settings.retryAfterSeconds));
      throw new AppError('UNAVAILABLE', 'too many large requests at once; retry shortly');
    }
    inUse += 1;
    holders.add(request);
    return payload;
  });
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
}
