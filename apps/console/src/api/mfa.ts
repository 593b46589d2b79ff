import { requestClient } from './client';
import type { SessionPayload } from './auth';

/** The signed-in account's second factor (TOTP). */
export interface MfaStatus {
  enabled: boolean;
  /** The account's role must have one (it cannot be turned off). */
  required: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

/** A secret to add to an authenticator app: scanned from `qrCode` (an image data URL) or typed as `secret`. */
export interface MfaEnrolment {
  secret: string;
  otpauthUri: string;
  qrCode: string;
}

/** Answers to a wrong code that the forms show inline. */
export const MFA_CODE_ERRORS = ['invalid_mfa_code', 'account_locked', 'validation_failed'] as const;

export function getMfaStatus(): Promise<MfaStatus> {
  return requestClient.get<MfaStatus>('/auth/mfa');
}

/** Second step of a sign-in: the code (TOTP or recovery code) turns the pending session into a full one. */
export function verifyMfaCode(code: string): Promise<SessionPayload> {
  return requestClient.post<SessionPayload>('/auth/mfa/verify', { code }, { handledCodes: MFA_CODE_ERRORS, skipAuthRedirect: true });
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return requestClient.post<MfaEnrolment>('/auth/mfa/enrolment');
}

/** Confirms with a first code; the recovery codes come back this once, with the new session. */
export function confirmMfaEnrolment(code: string): Promise<{ recoveryCodes: string[]; session: SessionPayload }> {
  return requestClient.post('/auth/mfa/enrolment/confirm', { code }, { handledCodes: MFA_CODE_ERRORS });
}

export function regenerateRecoveryCodes(code: string): Promise<{ recoveryCodes: string[] }> {
  return requestClient.post('/auth/mfa/recovery-codes', { code }, { handledCodes: MFA_CODE_ERRORS });
}

export function disableMfa(code: string): Promise<void> {
  return requestClient.post<void>('/auth/mfa/disable', { code }, { handledCodes: MFA_CODE_ERRORS });
}
