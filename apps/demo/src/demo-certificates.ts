import { readFile } from 'node:fs/promises';

/** A certificate and its key, PEM; what `tls.createSecureContext` takes. */
export interface DemoCertificate {
  readonly cert: string;
  readonly key: string;
}

export interface DemoCertificates {
  /** Self-signed for localhost and 127.0.0.1, valid to 2126. */
  readonly valid: DemoCertificate;
  /** The same names, expired on 2020-01-02: what the `expiredCertificate` fault presents. */
  readonly expired: DemoCertificate;
}

// `testdata/` sits beside `src/` and `dist/`, so the same relative URL works from the sources and the build.
const TESTDATA_URL = new URL('../testdata/', import.meta.url);

async function readPem(name: string): Promise<string> {
  return readFile(new URL(name, TESTDATA_URL), 'utf8');
}

/**
 * Reads the demo's certificate fixtures (see `testdata/README.md`).
 *
 * @example const { valid } = await loadDemoCertificates(); createServer(valid, handler)
 */
export async function loadDemoCertificates(): Promise<DemoCertificates> {
  const [validCert, validKey, expiredCert, expiredKey] = await Promise.all([
    readPem('localhost-cert.pem'),
    readPem('localhost-key.pem'),
    readPem('expired-cert.pem'),
    readPem('expired-key.pem'),
  ]);
  return {
    valid: { cert: validCert, key: validKey },
    expired: { cert: expiredCert, key: expiredKey },
  };
}
