import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Listens and resolves with the bound address; rejects when the port is taken or the host unknown. */
export function listen(server: HttpServer | HttpsServer, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string')
        reject(new Error('the demo back end has no TCP address'));
      else resolve(address);
    });
  });
}

/**
 * Listens on `port`, or, when `shouldFallBackToFreePort` is set and the port is taken, on a free one: a demo that
 * prefers a documented address must still start beside another copy of itself.
 */
export async function listenPreferring(
  server: HttpServer | HttpsServer,
  address: { readonly host: string; readonly port: number },
  shouldFallBackToFreePort: boolean,
): Promise<AddressInfo> {
  try {
    return await listen(server, address.host, address.port);
  } catch (error) {
    const isTaken = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    if (!shouldFallBackToFreePort || !isTaken || address.port === 0) throw error;
    return listen(server, address.host, 0);
  }
}

/**
 * The URL a local client should use: wildcard binds are reached through loopback; IPv6 needs brackets.
 *
 * @example formatBaseUrl('https', '0.0.0.0', 8443) // 'https://127.0.0.1:8443/'
 */
export function formatBaseUrl(scheme: 'http' | 'https', host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${scheme}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}/`;
}

/** Stops listening and drops every open connection, in-flight ones included. */
export function closeServer(server: HttpServer | HttpsServer): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive and in-flight (delayed) connections would otherwise hold close() open for seconds.
    server.closeAllConnections();
  });
}
