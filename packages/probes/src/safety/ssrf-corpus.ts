import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { HostResolver } from './guarded-lookup.js';

const payloadSchema = z.object({
  /** A raw host (`hosts`), a URL (`urls`) or a DNS step's resolver (`resolvers`). */
  target: z.string(),
  /** `blocked`: refused by the address policy before any connection; `no-canary`: anything but a canary. */
  expect: z.enum(['blocked', 'no-canary']),
  why: z.string(),
});
export type SsrfPayload = z.infer<typeof payloadSchema>;

const corpusSchema = z.object({
  /** Ranges the consumer's policy denies besides the built-in ones: the canaries' addresses. */
  deny: z.array(z.string()),
  /** Where a consumer listens to catch bypasses (TCP and UDP, on the canary port). */
  canaries: z.array(z.string()),
  /** What names under `ssrf.test` resolve to; consumers answer with these through an injected resolver. */
  names: z.record(z.string(), z.array(z.string())),
  hosts: z.array(payloadSchema),
  urls: z.array(payloadSchema),
  resolvers: z.array(payloadSchema),
});
export type SsrfCorpus = z.infer<typeof corpusSchema>;

const CORPUS_URL = new URL('./testdata/ssrf-corpus.json', import.meta.url);

/**
 * The server-side request forgery corpus (`testdata/ssrf-corpus.json`) with `{port}` filled in: hosts, URLs and
 * DNS resolvers in every spelling that has led a fetcher somewhere it should not go. Anything that connects on a
 * user's behalf (probe steps, the scraper, the browser's egress proxy, a webhook sender) runs it with canary
 * listeners on `canaries` and a policy denying `deny` on top of the built-in list. Reads the file from the
 * sources, so it is for tests only.
 *
 * @example
 * const corpus = readSsrfCorpus({ canaryPort });
 * const policy = createAddressPolicy({ deny: corpus.deny });
 */
export function readSsrfCorpus(fill: { readonly canaryPort: number }): SsrfCorpus {
  const text = readFileSync(CORPUS_URL, 'utf8').replaceAll('{port}', String(fill.canaryPort));
  return corpusSchema.parse(JSON.parse(text));
}

/** Answers for the corpus's names (case and a final dot ignored, as DNS does); other names do not resolve. */
export function createCorpusResolver(corpus: SsrfCorpus): HostResolver {
  return (hostname) => {
    const addresses = corpus.names[hostname.toLowerCase().replace(/\.$/, '')];
    if (addresses) return Promise.resolve(addresses);
    return Promise.reject(
      Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }),
    );
  };
}
