import { randomBytes, randomUUID } from 'node:crypto';

/** A flow variable; secret values never appear in results (they are masked wherever they would). */
export interface FlowValue {
  readonly value: string;
  readonly secret: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Built-ins, available in every step: `{{$timestamp}}` (epoch ms), `{{$isoTime}}`, `{{$date}}` (YYYY-MM-DD),
 * `{{$month}}` (YYYY-MM, handy for bill queries), `{{$randomId}}` (16 hex chars), `{{$uuid}}`.
 * Each placeholder is evaluated when rendered, so two `{{$uuid}}` in one step differ.
 */
export const BUILTIN_VARIABLES: Readonly<Record<string, (nowMs: number) => string>> = {
  $timestamp: (nowMs) => String(nowMs),
  $isoTime: (nowMs) => new Date(nowMs).toISOString(),
  $date: (nowMs) => {
    const d = new Date(nowMs);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  },
  $month: (nowMs) => {
    const d = new Date(nowMs);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
  },
  $randomId: () => randomBytes(8).toString('hex'),
  $uuid: () => randomUUID(),
};

/** Prefix of secret references: `{{secrets.BOSS_PASSWORD}}`. */
export const SECRET_PREFIX = 'secrets.';

/** The variables of one flow run: initial values, extracted values, built-ins and secrets. */
export class FlowVariables {
  readonly #values = new Map<string, FlowValue>();
  readonly #secrets: Readonly<Record<string, string>>;
  readonly #now: () => number;

  constructor(options: {
    initial: Readonly<Record<string, string>>;
    secrets: Readonly<Record<string, string>>;
    now: () => number;
  }) {
    for (const [name, value] of Object.entries(options.initial))
      this.#values.set(name, { value, secret: false });
    this.#secrets = options.secrets;
    this.#now = options.now;
  }

  set(name: string, value: FlowValue): void {
    this.#values.set(name, value);
  }

  /** The value of a placeholder name, or undefined when nothing defines it. */
  resolve(name: string): FlowValue | undefined {
    if (name.startsWith(SECRET_PREFIX)) {
      const secret = this.#secrets[name.slice(SECRET_PREFIX.length)];
      return secret === undefined ? undefined : { value: secret, secret: true };
    }
    const builtin = BUILTIN_VARIABLES[name];
    if (builtin) return { value: builtin(this.#now()), secret: false };
    return this.#values.get(name);
  }

  /** Every secret value in play (secrets used and secret extractions), longest first, for masking. */
  secretValues(): string[] {
    const values = [...Object.values(this.#secrets)];
    for (const entry of this.#values.values()) if (entry.secret) values.push(entry.value);
    return values.filter((value) => value.length >= 3).sort((a, b) => b.length - a.length);
  }

  /** Non-built-in variables, secrets masked, for the run record. */
  snapshot(mask: string): Record<string, string> {
    return Object.fromEntries(
      [...this.#values].map(([name, entry]) => [name, entry.secret ? mask : entry.value]),
    );
  }
}
