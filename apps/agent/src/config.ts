import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { locationCodeSchema } from '@ganzhi/contracts';
import { probeRangeListSchema, readProbeSecrets } from '@ganzhi/probes';
import type { Secret } from '@ganzhi/runtime';
import { readTailConfig, TailConfigError, type TailSource } from './tail/tail-config.js';

const HOUR_MS = 3_600_000;

/** Settings of a remote agent (`ganzhi agent --server URL --token TOKEN --location NAME`). */
export const agentConfigSchema = z.object({
  server: z.url('must be the server URL, e.g. https://ganzhi.example:8080/'),
  /** A one-time enrolment token (`gze_…`), or an agent credential (`gza_…`) issued before. */
  token: z.string().min(10, 'must be an enrolment token or an agent credential').optional(),
  location: locationCodeSchema,
  name: z.string().trim().min(1).max(100).default(hostname()),
  dataDir: z.string().min(1).default('./agent-data'),
  concurrency: z.coerce.number().int().min(1).max(1000).default(20),
  /** Outbox bounds: the oldest runs are dropped (and a gap reported) beyond either. */
  bufferMaxBytes: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .default(2 * 1024 ** 3),
  bufferMaxAgeHours: z.coerce
    .number()
    .min(1)
    .max(24 * 365)
    .default(7 * 24),
  /** Runs every check this many times more often than its interval: for drills and tests, never production. */
  speedup: z.coerce.number().min(1).max(3600).default(1),
  heartbeatMs: z.coerce.number().int().min(100).max(300_000).default(10_000),
  uploadMaxBackoffMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  probeAllowRanges: probeRangeListSchema.default([]),
  /** Denied in addition to the built-in list (link-local, cloud metadata …), which always applies. */
  probeDenyRanges: probeRangeListSchema.default([]),
  chromiumPath: z.string().min(1).default('/usr/bin/chromium'),
  /** A YAML or JSON file listing the log files to tail (docs/agents-tail.md). */
  tailConfig: z.string().min(1).optional(),
});

export type AgentConfig = Readonly<
  Omit<z.infer<typeof agentConfigSchema>, 'bufferMaxAgeHours'> & {
    bufferMaxAgeMs: number;
    probeSecrets: ReadonlyMap<string, Secret>;
    /** The log files to tail, from `tailConfig` (none without it). */
    tailSources: readonly TailSource[];
  }
>;

/** Environment variables for each setting; command-line flags win over them. */
export const AGENT_ENV_NAMES: Record<keyof z.input<typeof agentConfigSchema>, string> = {
  server: 'GANZHI_SERVER',
  token: 'GANZHI_AGENT_TOKEN',
  location: 'GANZHI_AGENT_LOCATION',
  name: 'GANZHI_AGENT_NAME',
  dataDir: 'GANZHI_AGENT_DATA_DIR',
  concurrency: 'GANZHI_PROBE_CONCURRENCY',
  bufferMaxBytes: 'GANZHI_AGENT_BUFFER_MAX_BYTES',
  bufferMaxAgeHours: 'GANZHI_AGENT_BUFFER_MAX_AGE_HOURS',
  speedup: 'GANZHI_AGENT_SPEEDUP',
  heartbeatMs: 'GANZHI_AGENT_HEARTBEAT_MS',
  uploadMaxBackoffMs: 'GANZHI_AGENT_UPLOAD_MAX_BACKOFF_MS',
  logLevel: 'GANZHI_LOG_LEVEL',
  probeAllowRanges: 'GANZHI_PROBE_ALLOW',
  probeDenyRanges: 'GANZHI_PROBE_DENY',
  chromiumPath: 'GANZHI_CHROMIUM_PATH',
  tailConfig: 'GANZHI_AGENT_TAIL_CONFIG',
};

export class AgentConfigError extends Error {
  override readonly name = 'AgentConfigError';
}

/** Parses the agent's settings once (flags over environment) and freezes them; problems name the setting. */
export function parseAgentConfig(
  env: NodeJS.ProcessEnv,
  flags: Partial<Record<keyof typeof AGENT_ENV_NAMES, string | number>> = {},
): AgentConfig {
  const raw: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(AGENT_ENV_NAMES)) {
    const value = env[name];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  for (const [key, value] of Object.entries(flags)) if (value !== undefined) raw[key] = value;
  const parsed = agentConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof AGENT_ENV_NAMES;
      return `${key} (${AGENT_ENV_NAMES[key] ?? key}): ${issue.message}`;
    });
    throw new AgentConfigError(`invalid agent configuration: ${problems.join('; ')}`);
  }
  const { bufferMaxAgeHours, ...rest } = parsed.data;
  return Object.freeze({
    ...rest,
    dataDir: resolve(rest.dataDir),
    bufferMaxAgeMs: bufferMaxAgeHours * HOUR_MS,
    probeSecrets: readProbeSecrets(env),
    tailSources: rest.tailConfig === undefined ? [] : readTailSources(rest.tailConfig),
  });
}

function readTailSources(file: string): readonly TailSource[] {
  try {
    return readTailConfig(file);
  } catch (error) {
    if (!(error instanceof TailConfigError)) throw error;
    throw new AgentConfigError(`tailConfig (${AGENT_ENV_NAMES.tailConfig}): ${error.message}`, {
      cause: error,
    });
  }
}
