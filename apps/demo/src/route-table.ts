import type { DemoFaults, FaultedRoute } from './demo-faults.js';
import type { DemoReply } from './demo-reply.js';

export type DemoMethod = 'GET' | 'POST' | 'DELETE';

/** A request after the transport has parsed it; handlers never see sockets or raw bytes. */
export interface DemoRequest {
  readonly method: DemoMethod;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The parsed JSON or form body; undefined when the request had none. */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The faults in force when the request arrived (the BOSS status page reports them). */
  readonly faults: DemoFaults;
}

export interface DemoRoute extends FaultedRoute {
  readonly method: DemoMethod;
  handle(request: DemoRequest): DemoReply;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: DemoRoute }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'method_not_allowed'; readonly allow: readonly string[] };

export interface RouteTable {
  match(method: string, path: string): RouteMatch;
  /** Every routed path, for validating per-route fault overrides. */
  readonly paths: ReadonlySet<string>;
}

/**
 * Exact-path routing: the demo has no path parameters (ids travel in the query or body, as in the real web hall
 * APIs it imitates), so a map lookup is enough. HEAD is answered by the GET route.
 *
 * @example createRouteTable(routes).match('GET', '/healthz') // { kind: 'found', route }
 */
export function createRouteTable(routes: readonly DemoRoute[]): RouteTable {
  const byKey = new Map<string, DemoRoute>();
  const methodsByPath = new Map<string, string[]>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    if (byKey.has(key)) throw new Error(`duplicate demo route ${key}`);
    byKey.set(key, route);
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
  }
  return {
    paths: new Set(methodsByPath.keys()),
    match(method, path) {
      const route = byKey.get(`${method === 'HEAD' ? 'GET' : method} ${path}`);
      if (route) return { kind: 'found', route };
      const allow = methodsByPath.get(path);
      return allow ? { kind: 'method_not_allowed', allow } : { kind: 'not_found' };
    },
  };
}
