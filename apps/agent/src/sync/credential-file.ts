import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { z } from 'zod';

/** What the agent keeps of its enrolment: its id (null when started with a bare credential) and its credential. */
export interface SavedIdentity {
  readonly agentId: string | null;
  readonly credential: string;
}

const savedIdentitySchema = z.object({ agentId: z.string().nullable(), credential: z.string().min(10) });

/** The credential file's name inside the agent's data directory. */
export const CREDENTIAL_FILE = 'agent-credential.json';

/** The saved identity, or undefined when there is none (a file that does not parse counts as none). */
export function readCredentialFile(path: string): SavedIdentity | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const parsed = savedIdentitySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves the identity in its own file, readable by the agent's user only (0600, set explicitly: the umask may be
 * anything), written to a temporary file and renamed so a crash never leaves half a credential. Apart from the
 * outbox on purpose: an outbox copied for diagnosis must not carry the key to the agent's identity.
 */
export function writeCredentialFile(path: string, identity: SavedIdentity): void {
  const temporary = `${path}.tmp`;
  const fd = openSync(temporary, 'w', 0o600);
  try {
    chmodSync(temporary, 0o600);
    writeSync(fd, JSON.stringify(identity));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}
