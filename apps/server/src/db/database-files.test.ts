import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from './database.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

let root: string;
let umask: number;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ganzhi-files-'));
  // The widest umask: modes must come from the code, not from the environment.
  umask = process.umask(0);
});
afterEach(() => {
  process.umask(umask);
  rmSync(root, { recursive: true, force: true });
});

it('creates the SQLite database, its WAL and shared-memory files 0600 in a data directory made 0700', async () => {
  const dir = join(root, 'data');
  const path = join(dir, 'ganzhi.db');
  const database = openDatabase({ dialect: 'sqlite', path });
  await migrateToLatest(database);
  expect(modeOf(dir)).toBe(0o700);
  expect(modeOf(path)).toBe(0o600);
  expect(modeOf(`${path}-wal`)).toBe(0o600);
  expect(modeOf(`${path}-shm`)).toBe(0o600);
  await database.close();
});

it('narrows a database file an earlier version left readable by others', async () => {
  const path = join(root, 'ganzhi.db');
  writeFileSync(path, '', { mode: 0o644 });
  const database = openDatabase({ dialect: 'sqlite', path });
  await migrateToLatest(database);
  expect(modeOf(path)).toBe(0o600);
  expect(modeOf(`${path}-wal`)).toBe(0o600);
  await database.close();
});
