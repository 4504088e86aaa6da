import { generate, generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 codes: 6 digits, 30-second steps; one step either side is accepted for clock drift. */
const STEP_SECONDS = 30;

export function createTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// address an authenticator app scans (issuer Ganzhi, the username as label). */
export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Ganzhi', label: username, secret });
}

export async function isValidTotp(secret: string, code: string, nowMs: number): Promise<boolean> {
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      epochTolerance: STEP_SECONDS,
    });
    return result.valid;
  } catch {
    return false;
  }
}

/** The current code (tests and the console's self-check). */
export function currentTotp(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000) });
}
