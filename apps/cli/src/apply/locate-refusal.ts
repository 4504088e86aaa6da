// The server's refusals brought back to the files: its field paths (`checks.3.steps.1.url`) → `file#document.item`.
import type { ServerIssue } from '../commands/server-access.js';
import { problemLine } from './validate-definitions.js';

/** The documents one request carried, in the order it carried them. */
export interface SentDocuments {
  /** The body's array the server's paths start with (`checks`, `users`); absent when one document was sent alone. */
  readonly list?: string;
  /** `file#document.item` of each document sent (one when `list` is absent). */
  readonly sources: readonly string[];
  /** Names the whole document when the server names no field: `(check)`. */
  readonly label: string;
}

/** The index in the request of the document a refused field belongs to (`checks.3.…` → 3). */
export function sentIndexOf(issue: ServerIssue, list: string): number | undefined {
  const [head, index] = issue.path.split('.');
  return head === list && index !== undefined && /^\d+$/.test(index) ? Number(index) : undefined;
}

/** One refused field as a problem line; a path that names no document sent stays as the server wrote it. */
export function locateIssue(issue: ServerIssue, sent: SentDocuments): string {
  if (sent.list === undefined) {
    const source = sent.sources[0];
    return source === undefined
      ? `${issue.path}: ${issue.message}`
      : problemLine(source, { path: issue.path || sent.label, message: issue.message });
  }
  const index = sentIndexOf(issue, sent.list);
  const source = index === undefined ? undefined : sent.sources[index];
  if (source === undefined) return `${issue.path || sent.list}: ${issue.message}`;
  const field = issue.path.split('.').slice(2).join('.');
  return problemLine(source, { path: field || sent.label, message: issue.message });
}
