import { randomBytes, randomUUID } from 'node:crypto';
import { SECRET_MASK, createSecretMasker, type SecretMasker } from './mask-secrets.js';

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

/**
 * The variables of one flow run: initial values, extracted values, built-ins and secrets. A value is secret when a
 * secret was rendered into it, when an extraction says so, or when it shows a secret in any form (an echoed token,
 * its base64); secret values are masked wherever results leave the run.
 */
export class FlowVariables {
  readonly #values = new Map<string, FlowValue>();
  readonly #secrets: Readonly<Record<string, string>>;
  /**
   * Secret values besides the configured ones: every secret variable value ever set (an overwritten one may still
   * stand in earlier steps' output) and protected credentials such as a basic-auth `user:password` pair.
   */
  readonly #derivedSecrets = new Set<string>();
  readonly #now: () => number;
  #masker: SecretMasker | undefined;

  constructor(options: { secrets: Readonly<Record<string, string>>; now: () => number }) {
    this.#secrets = options.secrets;
    this.#now = options.now;
  }

  /** Sets a variable; a value showing a secret in any form becomes secret itself. */
  set(name: string, value: FlowValue): void {
    const secret = value.secret || this.masker().reveals(value.value);
    this.#values.set(name, { value: value.value, secret });
    if (secret) this.protect(value.value);
  }

  /** Masks `value` wherever secrets are masked from now on (a credential built from secrets). */
  protect(value: string): void {
    if (value === '' || this.#derivedSecrets.has(value)) return;
    this.#derivedSecrets.add(value);
    this.#masker = undefined;
  }

  /**
   * The value of a placeholder name, or undefined when nothing defines it. An empty secret counts as undefined: it
   * is an unset environment variable in disguise (`GANZHI_SECRET_X=`), and a step would be sent with a hole.
   */
  resolve(name: string): FlowValue | undefined {
    if (name.startsWith(SECRET_PREFIX)) {
      const secret = this.#secrets[name.slice(SECRET_PREFIX.length)];
      return secret === undefined || secret === '' ? undefined : { value: secret, secret: true };
    }
    const builtin = BUILTIN_VARIABLES[name];
    if (builtin) return { value: builtin(this.#now()), secret: false };
    return this.#values.get(name);
  }

  /** Every secret value in play: configured secrets, secret variable values and protected values. */
  secretValues(): string[] {
    return [...Object.values(this.#secrets), ...this.#derivedSecrets].filter((value) => value !== '');
  }

  /** A masker for the secrets in play now; rebuilt only when they change. */
  masker(): SecretMasker {
    this.#masker ??= createSecretMasker(this.secretValues());
    return this.#masker;
  }

  /** Non-built-in variables for the run record: secret ones (and any showing a secret) replaced by the mask. */
  snapshot(): Record<string, string> {
    const masker = this.masker();
    return Object.fromEntries(
      [...this.#values].map(([name, entry]) => [
        name,
        entry.secret || masker.reveals(entry.value) ? SECRET_MASK : entry.value,
      ]),
    );
  }
}
