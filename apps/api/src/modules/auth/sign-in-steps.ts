import type { SessionStep } from './session-store.js';

/** Every unfinished sign-in step: for the routes any session may use (who am I, sign out). */
export const SIGN_IN_STEPS: readonly SessionStep[] = ['mfa_code', 'mfa_enrol'];
