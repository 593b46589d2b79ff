/**
 * TOTP (RFC 6238) through `otpauth`: SHA-1, six digits, 30-second steps, as every authenticator
 * app reads them. A code is accepted one step either side of now (clock drift), and its step is
 * returned so the caller can refuse the same code twice (RFC 6238 §5.2).
 */
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
const ISSUER = 'Yixian';

function totpFor(secret: string, username: string): TOTP {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** A new random secret (160 bits, the RFC's recommended size), base32 for manual entry. */
export function createTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function buildOtpauthUri(secret: string, username: string): string {
  return totpFor(secret, username).toString();
}

/** The time step of a valid code (now ±1 step), or null. */
export function matchTotpStep(secret: string, code: string, now: Date): number | null {
  const delta = totpFor(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
}

/** Whether the text has the shape of a TOTP code (six digits, spaces allowed) rather than a recovery code. */
export function isTotpShaped(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s/g, ''));
}
