import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server as HttpsServer } from 'node:https';
import { loadDemoCertificates } from './demo-certificates.js';
import { listenPreferring } from './demo-listeners.js';

export interface TlsListener {
  readonly server: HttpsServer;
  readonly port: number;
  /** Switches the certificate new handshakes get; connections already open keep theirs. */
  present(input: { isExpired: boolean }): void;
}

export interface StartTlsListenerInput {
  readonly host: string;
  readonly port: number;
  readonly handler: (request: IncomingMessage, response: ServerResponse) => void;
  /** Which certificate to present from the start (the `expiredCertificate` fault at start). */
  readonly isExpired: boolean;
  /** Listen on a free port when `port` is taken. */
  readonly shouldFallBackToFreePort: boolean;
}

/**
 * The demo's HTTPS listener: the same routes as the HTTP one, behind a certificate the `expiredCertificate` fault
 * switches at runtime (`setSecureContext`), so a TLS check turns red without a restart.
 *
 * @example const tls = await startTlsListener({ host, port: 0, handler, isExpired: false, shouldFallBackToFreePort: false }); tls.present({ isExpired: true });
 */
export async function startTlsListener(input: StartTlsListenerInput): Promise<TlsListener> {
  const certificates = await loadDemoCertificates();
  let isExpired = input.isExpired;
  const server = createServer(isExpired ? certificates.expired : certificates.valid, input.handler);
  const address = await listenPreferring(server, input, input.shouldFallBackToFreePort);
  return {
    server,
    port: address.port,
    present(next) {
      if (next.isExpired === isExpired) return;
      isExpired = next.isExpired;
      server.setSecureContext(isExpired ? certificates.expired : certificates.valid);
    },
  };
}
