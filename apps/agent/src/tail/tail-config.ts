import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { compileUserPattern, type UserPattern } from '@ganzhi/probes';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The fields of a transaction record a tail source can fill (see `transactionRecordSchema`). */
export const RECORD_FIELDS = [
  'time',
  'business',
  'channel',
  'region',
  'system',
  'host',
  'clerkId',
  'terminalId',
  'segment',
  'customerId',
  'latencyMs',
  'outcome',
  'errorClass',
  'externalId',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

const REQUIRED_FIELDS: readonly RecordField[] = [
  'time',
  'business',
  'channel',
  'region',
  'latencyMs',
  'outcome',
];

/**
 * Time layouts found in business-hall, IVR and gateway logs. The `YYYY-MM-DD HH:mm:ss` family also takes a `T`
 * separator and a `.SSS` or `,SSS` fraction (log4j); `DD/MMM/YYYY:HH:mm:ss` (web servers) takes a trailing offset.
 * Layouts without an offset are read as wall-clock time in the source's time zone.
 */
export const TIME_FORMATS = [
  'iso',
  'epoch-ms',
  'epoch-s',
  'YYYY-MM-DD HH:mm:ss',
  'YYYY/MM/DD HH:mm:ss',
  'YYYYMMDDHHmmss',
  'DD/MMM/YYYY:HH:mm:ss',
] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeSpecSchema = z
  .object({
    format: z.enum(TIME_FORMATS).default('iso'),
    timeZone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai')
      .default('Asia/Shanghai'),
  })
  .strict();

const sourceSchema = z
  .object({
    /** Names the source in external ids, gap records and logs; must stay the same across restarts. */
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'letters, digits, "_", "." and "-", at most 64'),
    path: z.string().min(1),
    format: z.enum(['json', 'logfmt', 'regex']),
    /** A regular expression with named groups (format regex); RE2 syntax: no backreferences or lookaround. */
    pattern: z.string().min(1).optional(),
    /** Record field → the source's field (json: a key or a dotted path; logfmt: a key; regex: a group name). */
    fields: z.partialRecord(z.enum(RECORD_FIELDS), z.string().min(1)).default({}),
    /** Record field → a value every record of this source has (`channel: hall`, `region: changsha`). */
    constants: z.partialRecord(z.enum(RECORD_FIELDS), z.union([z.string().min(1), z.number()])).default({}),
    time: timeSpecSchema.default({ format: 'iso', timeZone: 'Asia/Shanghai' }),
    latencyUnit: z.enum(['ms', 's']).default('ms'),
    /** Source outcome values that mean success; they become `ok`. */
    okValues: z.array(z.string()).default(['ok']),
    /** Where to start in a file seen for the first time; afterwards the remembered position is used. */
    startAt: z.enum(['end', 'beginning']).default('end'),
  })
  .strict()
  .superRefine((source, ctx) => {
    for (const field of Object.keys(source.constants))
      if (field in source.fields)
        ctx.addIssue({ code: 'custom', path: ['constants', field], message: 'is also mapped in fields' });
    if (source.format !== 'regex') {
      if (source.pattern !== undefined)
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'is only used with format regex' });
      return;
    }
    if (source.pattern === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'is required with format regex' });
      return;
    }
    let groups: Set<string>;
    try {
      groups = new Set(compileUserPattern(source.pattern).groupNames);
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: `is not a regular expression the agent can run: ${error instanceof Error ? error.message : String(error)}`,
      });
      return;
    }
    for (const [field, group] of Object.entries(source.fields))
      if (!groups.has(group))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', field],
          message: `no group named "${group}" in the pattern`,
        });
    for (const field of REQUIRED_FIELDS)
      if (!(field in source.fields) && !(field in source.constants) && !groups.has(field))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', field],
          message: 'is required: map it to a group, name a group after it, or set a constant',
        });
  });

const tailConfigSchema = z
  .object({ sources: z.array(sourceSchema).min(1) })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name))
        ctx.addIssue({
          code: 'custom',
          path: ['sources', index, 'name'],
          message: 'is used by another source',
        });
      seen.add(source.name);
    });
  });

/**
 * One log file the agent follows, validated: the path absolute, the pattern compiled for the linear-time engine
 * (a log line is data from elsewhere; a backtracking pattern on a hostile line would stall the whole agent).
 */
export type TailSource = Readonly<
  Omit<z.infer<typeof sourceSchema>, 'pattern'> & {
    pattern: UserPattern | undefined;
  }
>;

export class TailConfigError extends Error {
  override readonly name = 'TailConfigError';
}

function describePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * Reads a tail configuration (YAML, or JSON, which YAML includes) and validates it; errors name the file and the
 * field (`tail.yaml: sources[0].pattern: is required with format regex`). Relative paths are relative to the file.
 */
export function readTailConfig(file: string): readonly TailSource[] {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TailConfigError(`tail config ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = tailConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${describePath(issue.path) || '(file)'}: ${issue.message}`,
    );
    throw new TailConfigError(`tail config ${file}: ${problems.join('; ')}`);
  }
  const base = dirname(resolve(file));
  return Object.freeze(
    parsed.data.sources.map((source) =>
      Object.freeze({
        ...source,
        path: resolve(base, source.path),
        pattern: source.pattern === undefined ? undefined : compileUserPattern(source.pattern),
      }),
    ),
  );
}
