// Table shapes of access control (users, sessions, tokens, roles, sign-in throttling, audit, stored secrets); the
// conventions of schema.ts apply: epoch milliseconds in BIGINT, JSON as TEXT.

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  created_at: number;
  display_name: string;
  email: string;
  /** JSON array of role names. */
  roles_json: string;
  /** JSON array of region codes; empty = the whole province. */
  regions_json: string;
  disabled_at: number | null;
  last_login_at: number | null;
  /** Base32 TOTP secret, encrypted with the secret key (`v1:` + AES-256-GCM); null = no second factor. */
  totp_secret: string | null;
}

export interface SessionTable {
  id_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  name: string;
  user_id: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  /** JSON array of permissions; `["*"]` = the owner's own (tokens from before scopes existed). */
  scopes_json: string;
  regions_json: string;
  expires_at: number | null;
  last_used_address: string | null;
}

export interface StoredSecretTable {
  name: string;
  /** `v1:` + AES-256-GCM (see modules/secrets/secret-box.ts). */
  sealed_value: string;
  description: string;
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export interface RoleTable {
  name: string;
  description: string;
  permissions_json: string;
  created_at: number;
  updated_at: number;
}

export interface LoginAttemptTable {
  /** `user:<name>` or `addr:<address>`. */
  key: string;
  failures: number;
  last_failure_at: number;
  blocked_until: number;
}

/** Append-only: rows are inserted and, past retention, deleted; never updated. */
export interface AuditEventTable {
  id: string;
  at: number;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  resource: string;
  resource_id: string | null;
  outcome: string;
  changes_json: string | null;
  request_id: string | null;
  client_address: string | null;
  detail: string | null;
}
