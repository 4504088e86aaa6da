import type { Page, Request, Response } from 'playwright-core';
import type { StepArtifact } from '../step-executor.js';
import { isEgressAnswer } from './egress-answer.js';
import { redactQuery } from './redact-query.js';

/** Bounds from the problem-scene design: enough to see what broke, small enough to keep per failed run. */
const MAX_ENTRIES = 50;
const MAX_TEXT_CHARS = 500;

interface ConsoleEntry {
  readonly source: 'console' | 'page';
  readonly text: string;
}

type NetworkEntry =
  | { readonly url: string; readonly method: string; readonly failure: string }
  | { readonly url: string; readonly method: string; readonly status: number };

/** What a page did besides what the actions asked for: its errors, its failed requests, its document's status. */
export interface PageEvidence {
  /** Status of the main frame's last document; undefined until a document response arrived. */
  readonly documentStatus: () => number | undefined;
  readonly consoleErrorCount: () => number;
  readonly failedRequestCount: () => number;
  /** The `console` and `network` artifacts of the problem scene. */
  readonly toArtifacts: () => StepArtifact[];
}

/**
 * Starts recording `page`'s console errors, uncaught exceptions, failed requests and responses with status ≥ 400.
 * Counts cover everything; the kept entries are the first 50 of each kind, each text cut to 500 characters.
 *
 * @example const evidence = recordPageEvidence(page); … artifacts.push(...evidence.toArtifacts());
 */
export function recordPageEvidence(page: Page): PageEvidence {
  const consoleEntries: ConsoleEntry[] = [];
  const networkEntries: NetworkEntry[] = [];
  let consoleErrorCount = 0;
  let failedRequestCount = 0;
  let documentStatus: number | undefined;
  const keepConsole = (entry: ConsoleEntry): void => {
    consoleErrorCount++;
    if (consoleEntries.length < MAX_ENTRIES) consoleEntries.push({ ...entry, text: clip(entry.text) });
  };
  const keepNetwork = (entry: NetworkEntry): void => {
    failedRequestCount++;
    if (networkEntries.length < MAX_ENTRIES) networkEntries.push(entry);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') keepConsole({ source: 'console', text: message.text() });
  });
  page.on('pageerror', (error) => keepConsole({ source: 'page', text: error.message }));
  page.on('requestfailed', (request) => {
    keepNetwork({ ...describeRequest(request), failure: request.failure()?.errorText ?? 'failed' });
  });
  page.on('response', (response) => {
    // The proxy's refusal is not the target's answer: the request failed, and the document has no status.
    if (isEgressAnswer(response)) {
      keepNetwork({ ...describeRequest(response.request()), failure: 'refused by the egress proxy' });
      return;
    }
    if (isMainDocument(page, response)) documentStatus = response.status();
    if (response.status() >= 400) {
      keepNetwork({ ...describeRequest(response.request()), status: response.status() });
    }
  });
  return {
    documentStatus: () => documentStatus,
    consoleErrorCount: () => consoleErrorCount,
    failedRequestCount: () => failedRequestCount,
    toArtifacts: () => [jsonArtifact('console', consoleEntries), jsonArtifact('network', networkEntries)],
  };
}

function describeRequest(request: Request): { url: string; method: string } {
  return { url: clip(redactQuery(request.url())), method: request.method() };
}

function isMainDocument(page: Page, response: Response): boolean {
  try {
    return response.request().isNavigationRequest() && response.frame() === page.mainFrame();
  } catch {
    // Service-worker responses have no frame.
    return false;
  }
}

function jsonArtifact(kind: 'console' | 'network', entries: readonly unknown[]): StepArtifact {
  return { kind, contentType: 'application/json', content: Buffer.from(JSON.stringify(entries, null, 2)) };
}

function clip(text: string): string {
  return text.length > MAX_TEXT_CHARS ? `${text.slice(0, MAX_TEXT_CHARS)}…` : text;
}
