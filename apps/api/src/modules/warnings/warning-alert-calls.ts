/**
 * The one door to the PBX for red warnings (CONTRACT.md "Alert calls"): a phone broadcast to a
 * recipient unit's on-duty phone through the alert-calls module, prompt `warning`; pressing 1
 * acknowledges (acknowledge-by-phone.ts, registered in warning-call-results.ts).
 */
import type { AlertCall } from '@yixian/db';
import { placeAlertCall, type AlertCallDeps } from '../alert-calls/index.js';

export interface WarningCallInput {
  warningRecipientId: string;
  dutyShiftId: string | null;
  attempt: number;
  /** Read from the roster or the unit at sending time; handed to the PBX under a key taken once, never logged. */
  number: string;
}

/** How long a broadcast rings before it counts as no answer. */
export const WARNING_RING_SECONDS = 30;

/**
 * Places one broadcast call. placeAlertCall places each (recipient, attempt) once, so a redone
 * delivery job gets the first row back and dials nothing twice.
 */
export async function placeWarningCall(deps: AlertCallDeps, input: WarningCallInput): Promise<AlertCall> {
  return placeAlertCall(deps, {
    purpose: 'warning', warningRecipientId: input.warningRecipientId, dutyShiftId: input.dutyShiftId, attempt: input.attempt,
    number: input.number, prompt: 'warning', ringSeconds: WARNING_RING_SECONDS,
  });
}
