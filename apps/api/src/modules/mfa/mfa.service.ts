/**
 * The second factor of an account: enrolment (a secret confirmed with a first code, then ten
 * recovery codes shown once), checking a code at sign-in or before a change, re-generating the
 * recovery codes, turning it off and an administrator's reset. Routes audit; this file decides.
 */
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Role } from '@yixian/domain';
import type { AppConfig } from '../../config/config.js';
import { AppError } from '../../lib/app-error.js';
import type { SessionStep } from '../auth/session-store.js';
import { accountLockedError, clearWrongCodes, countWrongCode, lockedUntilOf } from './mfa-attempts.js';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes.js';
import { buildOtpauthUri, createTotpSecret, isTotpShaped, matchTotpStep } from './totp.js';

export type MfaMethod = 'totp' | 'recovery_code';

/** Whether any of these roles must sign in with a second factor (MFA_REQUIRED_ROLES). */
export function isMfaRequiredFor(config: AppConfig, roles: readonly Role[]): boolean {
  return roles.some((role) => config.mfaRequiredRoles.includes(role));
}

/** Where a sign-in with the right password starts: a code owed, an enrolment owed, or a full session. */
export async function findSignInStep(app: FastifyInstance, userId: string, roles: readonly Role[]): Promise<SessionStep | undefined> {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { mfaEnabledAt: true } });
  if (user.mfaEnabledAt) return 'mfa_code';
  return isMfaRequiredFor(app.config, roles) ? 'mfa_enrol' : undefined;
}

export async function getMfaStatus(app: FastifyInstance, userId: string, roles: readonly Role[]) {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { mfaEnabledAt: true } });
  const recoveryCodesLeft = user.mfaEnabledAt ? await app.prisma.mfaRecoveryCode.count({ where: { userId, usedAt: null } }) : 0;
  return { enabled: user.mfaEnabledAt !== null, required: isMfaRequiredFor(app.config, roles), enabledAt: user.mfaEnabledAt?.toISOString() ?? null, recoveryCodesLeft };
}

/** A new secret to scan (QR code as an SVG data URL) or type (`secret`); replaces any unconfirmed one. */
export async function startEnrolment(app: FastifyInstance, userId: string, username: string) {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { mfaEnabledAt: true } });
  if (user.mfaEnabledAt) throw new AppError('conflict', 'A second factor is already set up; turn it off or ask an administrator to reset it');
  const secret = createTotpSecret();
  await app.prisma.user.update({ where: { id: userId }, data: { mfaPendingSecret: secret } });
  const otpauthUri = buildOtpauthUri(secret, username);
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

async function refuseWrongCode(app: FastifyInstance, userId: string, now: Date): Promise<never> {
  const lockedUntil = await countWrongCode(app, userId, now);
  if (lockedUntil) throw accountLockedError(lockedUntil);
  throw new AppError('invalid_mfa_code', 'Wrong, expired or already used code', { field: 'code' });
}

/** Accepts a TOTP code only once: its step must be later than the last accepted one. */
async function claimTotpStep(app: FastifyInstance, userId: string, step: number): Promise<boolean> {
  const claimed = await app.prisma.user.updateMany({
    where: { id: userId, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
    data: { mfaLastStep: step },
  });
  return claimed.count === 1;
}

async function replaceRecoveryCodes(app: FastifyInstance, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await app.prisma.$transaction([
    app.prisma.mfaRecoveryCode.deleteMany({ where: { userId } }),
    app.prisma.mfaRecoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) }),
  ]);
  return codes;
}

/** Confirms the pending secret with a first code; returns the recovery codes, shown this once. */
export async function confirmEnrolment(app: FastifyInstance, userId: string, code: string, now: Date): Promise<string[]> {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const lockedUntil = lockedUntilOf(user, now);
  if (lockedUntil) throw accountLockedError(lockedUntil);
  if (user.mfaEnabledAt) throw new AppError('conflict', 'A second factor is already set up');
  if (!user.mfaPendingSecret) throw new AppError('conflict', 'Start the enrolment first: no secret is waiting for confirmation');
  const step = isTotpShaped(code) ? matchTotpStep(user.mfaPendingSecret, code.replace(/\s/g, ''), now) : null;
  if (step === null) return refuseWrongCode(app, userId, now);
  await app.prisma.user.update({
    where: { id: userId },
    data: { mfaSecret: user.mfaPendingSecret, mfaPendingSecret: null, mfaEnabledAt: now, mfaLastStep: step, failedLogins: 0 },
  });
  return replaceRecoveryCodes(app, userId);
}

/**
 * Checks a TOTP code or a recovery code of an enrolled account. A wrong, expired or reused code
 * counts like a wrong password and may lock the account (423); a recovery code is spent.
 */
export async function checkSecondFactor(app: FastifyInstance, userId: string, code: string, now: Date): Promise<MfaMethod> {
  const user = await app.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  const lockedUntil = lockedUntilOf(user, now);
  if (lockedUntil) throw accountLockedError(lockedUntil);
  if (!user.mfaSecret) throw new AppError('conflict', 'This account has no second factor');
  if (isTotpShaped(code)) {
    const step = matchTotpStep(user.mfaSecret, code.replace(/\s/g, ''), now);
    if (step === null || !(await claimTotpStep(app, userId, step))) return refuseWrongCode(app, userId, now);
    await clearWrongCodes(app, userId);
    return 'totp';
  }
  const spent = await app.prisma.mfaRecoveryCode.updateMany({
    where: { userId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  if (spent.count !== 1) return refuseWrongCode(app, userId, now);
  await clearWrongCodes(app, userId);
  return 'recovery_code';
}

/** New recovery codes (the old ones stop working); the caller has checked a code first. */
export async function regenerateRecoveryCodes(app: FastifyInstance, userId: string): Promise<string[]> {
  return replaceRecoveryCodes(app, userId);
}

/** Removes the second factor (self-service for optional roles, or an administrator's reset). */
export async function removeSecondFactor(app: FastifyInstance, userId: string): Promise<void> {
  await app.prisma.$transaction([
    app.prisma.mfaRecoveryCode.deleteMany({ where: { userId } }),
    app.prisma.user.update({ where: { id: userId }, data: { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null } }),
  ]);
}
