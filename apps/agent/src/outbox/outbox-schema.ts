/**
 * The outbox's tables: runs, gaps and record batches waiting for upload, the agent's small state, and items the
 * server refused for good (parked for diagnosis instead of being retried forever). Created if missing, so an outbox
 * from an older agent gains the new tables on open.
 */
export const OUTBOX_SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbox_runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    check_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    payload BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_runs_started ON outbox_runs (started_at);
  CREATE TABLE IF NOT EXISTS outbox_gaps (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS outbox_records (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    records INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at INTEGER NOT NULL,
    committed_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    payload BLOB NOT NULL
  );
  CREATE INDEX IF NOT EXISTS outbox_records_committed ON outbox_records (committed_at);
  CREATE TABLE IF NOT EXISTS agent_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS outbox_parked (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    parked_at INTEGER NOT NULL,
    reason TEXT NOT NULL,
    payload BLOB NOT NULL
  );
`;
