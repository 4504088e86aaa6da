import { ConfigError } from '@ganzhi/server';
import { startDemoBackend, type DemoBackend } from '@ganzhi/demo';

/** Where `ganzhi serve --demo` puts the demo back end unless told otherwise: the README's examples use them. */
export const DEMO_DEFAULT_PORTS = Object.freeze({ http: 8081, https: 8443 });

export interface DemoPorts {
  readonly http: number;
  readonly https: number;
}

function readPort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new ConfigError(`invalid configuration: ${name}: must be a port number (0 picks a free one)`);
  return port;
}

/**
 * The demo back end's ports: `GANZHI_DEMO_PORT` (HTTP, default 8081) and `GANZHI_DEMO_TLS_PORT` (HTTPS, default
 * 8443). Throws a ConfigError naming the variable when one is not a port.
 */
export function parseDemoPorts(env: NodeJS.ProcessEnv): DemoPorts {
  return {
    http: readPort(env, 'GANZHI_DEMO_PORT', DEMO_DEFAULT_PORTS.http),
    https: readPort(env, 'GANZHI_DEMO_TLS_PORT', DEMO_DEFAULT_PORTS.https),
  };
}

/**
 * Starts the demo back end for `ganzhi serve --demo` on its ports, or on free ones when they are taken (a second
 * demo on the same machine, say): the demo must start, and its banner line says where it went.
 */
export function startServeDemoBackend(ports: DemoPorts): Promise<DemoBackend> {
  return startDemoBackend({ port: ports.http, tls: { port: ports.https }, shouldFallBackToFreePort: true });
}

/**
 * The banner line naming the demo back end's addresses, and what a fallback means for the documented examples.
 *
 * @example describeDemoBackend(demo, { http: 8081, https: 8443 }, 8) // 'Demo back end: http://127.0.0.1:8081/ and https://127.0.0.1:8443/ (8 demo checks)'
 */
export function describeDemoBackend(demo: DemoBackend, ports: DemoPorts, checkCount: number): string {
  const urls = [demo.url, demo.httpsUrl].filter((url) => url !== undefined);
  const moved = [
    ...(ports.http !== 0 && demo.port !== ports.http ? [`${ports.http}`] : []),
    ...(ports.https !== 0 && demo.httpsUrl && new URL(demo.httpsUrl).port !== String(ports.https)
      ? [`${ports.https}`]
      : []),
  ];
  const note =
    moved.length === 0
      ? ''
      : `; ${moved.length > 1 ? 'ports' : 'port'} ${moved.join(' and ')} ${moved.length > 1 ? 'were' : 'was'} ` +
        `taken, so examples written for ${moved.map((port) => `127.0.0.1:${port}`).join(' or ')} need the ` +
        'addresses above';
  return `Demo back end: ${urls.join(' and ')} (${checkCount} demo checks${note})`;
}
