import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSilentLogger } from '@ganzhi/runtime';
import { FakeClock } from '@ganzhi/testing';
import { OutboxStore } from '../outbox/outbox-store.js';
import { CREDENTIAL_FILE } from './credential-file.js';
import { obtainIdentity } from './enrolment.js';
import { ServerClient } from './server-client.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ganzhi-agent-files-'));
  // The widest umask: modes must come from the code, not from the environment.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

const identityOf = (store: OutboxStore, token: string | undefined) =>
  obtainIdentity({
    store,
    client: new ServerClient('http://server.invalid/', () => 0),
    clock: new FakeClock(0),
    logger: createSilentLogger(),
    enrolment: { token, name: 'hall-1', location: 'changsha', version: 'test' },
    signal: new AbortController().signal,
  });

it('creates the data directory 0700 and the outbox with its WAL and shared-memory files 0600', () => {
  const dir = join(root, 'agent-data');
  const path = join(dir, 'outbox.db');
  const store = new OutboxStore(path, { maxBytes: 1024 ** 2, maxAgeMs: 3_600_000 });
  store.setState('probe', '1');
  expect(modeOf(dir)).toBe(0o700);
  for (const file of [path, `${path}-wal`, `${path}-shm`]) expect(modeOf(file)).toBe(0o600);
  store.close();
});

it('keeps the credential in its own 0600 file, not in the outbox, and reads it back on restart', async () => {
  const path = join(root, 'outbox.db');
  const store = new OutboxStore(path, { maxBytes: 1024 ** 2, maxAgeMs: 3_600_000 });
  expect(await identityOf(store, 'gza_given-credential')).toEqual({
    agentId: null,
    credential: 'gza_given-credential',
  });
  const file = join(root, CREDENTIAL_FILE);
  expect(modeOf(file)).toBe(0o600);
  expect(store.getState('credential')).toBeUndefined();
  expect(readFileSync(path).includes('gza_given-credential')).toBe(false);
  expect(await identityOf(store, undefined)).toEqual({ agentId: null, credential: 'gza_given-credential' });
  store.close();
});

it('moves a credential an older agent kept in the outbox into the file', async () => {
  const store = new OutboxStore(join(root, 'outbox.db'), { maxBytes: 1024 ** 2, maxAgeMs: 3_600_000 });
  store.setState('credential', 'gza_legacy-credential');
  store.setState('agentId', 'agent-7');
  expect(await identityOf(store, undefined)).toEqual({
    agentId: 'agent-7',
    credential: 'gza_legacy-credential',
  });
  expect(store.getState('credential')).toBeUndefined();
  expect(existsSync(join(root, CREDENTIAL_FILE))).toBe(true);
  expect(modeOf(join(root, CREDENTIAL_FILE))).toBe(0o600);
  store.close();
});
