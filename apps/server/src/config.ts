import { resolve } from 'node:path';
import { z } from 'zod';
import { probeRangeListSchema, readProbeSecrets } from '@ganzhi/probes';
import { isKnownTimeZone } from '@ganzhi/quality';
import { Secret } from '@ganzhi/runtime';
import { parseSecretKey } from './modules/secrets/index.js';

/** Flags given on the command line; they win over the environment. */
export interface ServeFlags {
  readonly port?: string | number;
  readonly host?: string;
  readonly dataDir?: string;
  readonly demo?: boolean;
}

const positiveInt = z.coerce.number().int().positive();

const rangeList = probeRangeListSchema;

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  adminPassword: z.string().min(10, 'must be at least 10 characters').optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  timeZone: z.string().refine(isKnownTimeZone, 'not a known IANA time zone').default('Asia/Shanghai'),
  demo: z.boolean().default(false),
  probeConcurrency: positiveInt.max(1000).default(20),
  probeAllowRanges: rangeList.default([]),
  /** Denied in addition to the built-in list (link-local, cloud metadata …), which always applies. */
  probeDenyRanges: rangeList.default([]),
  chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
  agentClockSkewMs: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  retentionRunsDays: positiveInt.default(30),
  /** Passing runs keep their step results while among this many newest runs of their check; failures always do. */
  retentionStepDetailRuns: z.coerce.number().int().min(0).max(10_000).default(20),
  retentionMinuteRollupDays: positiveInt.default(14),
  retentionHourRollupDays: positiveInt.default(180),
  retentionDayRollupDays: positiveInt.default(3650),
  retentionScore5mDays: positiveInt.default(7),
  retentionScore1hDays: positiveInt.default(400),
  /** Resource minute data: the running index needs every minute of the current and the previous month. */
  retentionResourceMinuteDays: positiveInt.default(62),
  /** 5-minute score snapshots score a trailing window this long (probes running once a minute need evidence). */
  scoreWindowMinutes: z.coerce.number().int().min(5).max(120).default(15),
  /** A service deviating from its learned baseline by more than this ratio is flagged. */
  baselineDeviationRatio: z.coerce.number().gt(1).max(100).default(1.5),
  ingestStoreRaw: z
    .enum(['0', '1', 'true', 'false'])
    .transform((value) => value === '1' || value === 'true')
    .default(false),
  retentionRawTransactionsDays: positiveInt.default(7),
  ingestCustomerIds: z.enum(['hash', 'keep', 'drop']).default('hash'),
  customerIdKey: z.string().default(''),
  ingestDedupDays: positiveInt.default(7),
  ingestMaxBodyBytes: positiveInt.default(64 * 1024 * 1024),
  ingestMaxRecords: positiveInt.default(200_000),
  /** The URL users reach the console at (through a TLS proxy, say): the origin CSRF checks compare against. */
  publicUrl: z
    .url({ protocol: /^https?$/ })
    .transform((url) => new URL(url).origin)
    .optional(),
  /** Trust X-Forwarded-For/-Proto from these proxies: `1`/`true` (any, the nearest hop), or addresses/CIDRs. */
  trustProxy: z.string().optional(),
  sessionIdleMinutes: positiveInt.max(7 * 24 * 60).default(60),
  sessionMaxHours: positiveInt.max(24 * 30).default(12),
  auditRetentionDays: positiveInt.default(400),
  /** 32 bytes (base64 or hex) sealing stored secrets; else `<data dir>/secret.key`, created 0600 at first start. */
  secretKey: z
    .string()
    .refine((text) => {
      try {
        parseSecretKey(text);
        return true;
      } catch {
        return false;
      }
    }, 'must be 32 bytes, as base64 (44 characters) or hex (64 characters)')
    .optional(),
  require2fa: z
    .enum(['0', '1', 'true', 'false'])
    .transform((value) => value === '1' || value === 'true')
    .default(false),
});

const ENV_NAMES: Record<keyof z.infer<typeof configSchema>, string> = {
  port: 'PORT',
  host: 'GANZHI_HOST',
  dataDir: 'GANZHI_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  adminPassword: 'GANZHI_ADMIN_PASSWORD',
  logLevel: 'GANZHI_LOG_LEVEL',
  timeZone: 'GANZHI_TIME_ZONE',
  demo: 'GANZHI_DEMO',
  probeConcurrency: 'GANZHI_PROBE_CONCURRENCY',
  probeAllowRanges: 'GANZHI_PROBE_ALLOW',
  probeDenyRanges: 'GANZHI_PROBE_DENY',
  chromiumPath: 'GANZHI_CHROMIUM_PATH',
  agentClockSkewMs: 'GANZHI_AGENT_CLOCK_SKEW_MS',
  retentionRunsDays: 'GANZHI_RETENTION_RUNS_DAYS',
  retentionStepDetailRuns: 'GANZHI_RETENTION_STEP_DETAIL_RUNS',
  retentionMinuteRollupDays: 'GANZHI_RETENTION_MINUTE_ROLLUP_DAYS',
  retentionHourRollupDays: 'GANZHI_RETENTION_HOUR_ROLLUP_DAYS',
  retentionDayRollupDays: 'GANZHI_RETENTION_DAY_ROLLUP_DAYS',
  retentionScore5mDays: 'GANZHI_RETENTION_SCORES_5M_DAYS',
  retentionScore1hDays: 'GANZHI_RETENTION_SCORES_1H_DAYS',
  retentionResourceMinuteDays: 'GANZHI_RETENTION_RESOURCE_MINUTE_DAYS',
  scoreWindowMinutes: 'GANZHI_SCORE_WINDOW_MINUTES',
  baselineDeviationRatio: 'GANZHI_BASELINE_DEVIATION_RATIO',
  ingestStoreRaw: 'GANZHI_INGEST_STORE_RAW',
  retentionRawTransactionsDays: 'GANZHI_RETENTION_RAW_TRANSACTIONS_DAYS',
  ingestCustomerIds: 'GANZHI_INGEST_CUSTOMER_IDS',
  customerIdKey: 'GANZHI_CUSTOMER_ID_KEY',
  ingestDedupDays: 'GANZHI_INGEST_DEDUP_DAYS',
  ingestMaxBodyBytes: 'GANZHI_INGEST_MAX_BODY_BYTES',
  ingestMaxRecords: 'GANZHI_INGEST_MAX_RECORDS',
  publicUrl: 'GANZHI_PUBLIC_URL',
  trustProxy: 'GANZHI_TRUST_PROXY',
  sessionIdleMinutes: 'GANZHI_SESSION_IDLE_MINUTES',
  sessionMaxHours: 'GANZHI_SESSION_MAX_HOURS',
  auditRetentionDays: 'GANZHI_RETENTION_AUDIT_DAYS',
  secretKey: 'GANZHI_SECRET_KEY',
  require2fa: 'GANZHI_REQUIRE_2FA',
};

export type ServerConfig = Readonly<
  Omit<z.infer<typeof configSchema>, 'adminPassword' | 'secretKey'> & {
    adminPassword: Secret | undefined;
    /** `GANZHI_SECRET_KEY`, kept wrapped so logging the config cannot print it. */
    secretKey: Secret | undefined;
    databasePath: string;
    /** `GANZHI_SECRET_<NAME>` variables: the values of `{{secrets.NAME}}` in checks run by the built-in agent. */
    probeSecrets: ReadonlyMap<string, Secret>;
  }
>;

/** A setting that cannot be used; the message names the environment variable or flag. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** Parses configuration once from the environment and flags, and freezes it. */
export function parseServerConfig(env: NodeJS.ProcessEnv, flags: ServeFlags = {}): ServerConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) raw[key] = nonEmpty(env[name]);
  raw.demo =
    flags.demo ??
    (env.GANZHI_DEMO === undefined ? undefined : env.GANZHI_DEMO === '1' || env.GANZHI_DEMO === 'true');
  if (flags.port !== undefined) raw.port = flags.port;
  if (flags.host !== undefined) raw.host = flags.host;
  if (flags.dataDir !== undefined) raw.dataDir = flags.dataDir;
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof ENV_NAMES;
      return `${ENV_NAMES[key] ?? key}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  const { adminPassword, secretKey, ...rest } = parsed.data;
  const dataDir = resolve(rest.dataDir);
  return Object.freeze({
    ...rest,
    dataDir,
    databasePath: resolve(dataDir, 'ganzhi.db'),
    adminPassword: adminPassword === undefined ? undefined : new Secret(adminPassword),
    secretKey: secretKey === undefined ? undefined : new Secret(secretKey),
    probeSecrets: readProbeSecrets(env),
  });
}
