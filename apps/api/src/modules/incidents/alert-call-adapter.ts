/**
 * The one place the incidents module meets the alert calls (apps/api/src/modules/alert-calls, helper
 * "pbx-alert"): `placeAlertCall(deps, { purpose: 'activation', activationId, dutyShiftId, attempt,
 * number, prompt: 'activation', ringSeconds })` and `onAlertCallResult('activation', handler)`.
 *
 * TODO(pbx-alert): until that module is on main this adapter only writes the AlertCall row (outcome
 * `placed`) and sends nothing to the PBX; results are delivered by calling `handleActivationCallResult`
 * (activation-calls.ts) the way the call-events consumer will. Swap the body for the real module then.
 */
import type { AlertCall } from '@yixian/db';
import type { IncidentDeps } from './incident-deps.js';

export interface PlaceActivationCall {
  activationId: string;
  dutyShiftId: string | null;
  attempt: number;
  /** Given to the PBX through a key taken once; never logged, stored or put in a job. */
  number: string;
  ringSeconds: number;
}

export async function placeActivationCall(deps: IncidentDeps, input: PlaceActivationCall): Promise<AlertCall> {
  return deps.prisma.alertCall.create({
    data: {
      purpose: 'activation', activationId: input.activationId, dutyShiftId: input.dutyShiftId, attempt: input.attempt,
      outcome: 'placed', placedAt: deps.clock.now(),
    },
  });
}

export type ActivationResultHandler = (deps: IncidentDeps, call: AlertCall) => Promise<void>;

/** Registers the incidents' handler for activation call results (a no-op until the alert-calls module exists). */
export function registerActivationResults(_handler: ActivationResultHandler): void {
  // TODO(pbx-alert): onAlertCallResult('activation', (deps, call) => handler(deps, call)).
}

/** Places a call to a linkage conference room; null while the alert-calls module has no conference. */
export const conferenceAvailable = false;
