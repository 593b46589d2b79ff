/**
 * The one place the incidents module meets the alert calls (apps/api/src/modules/alert-calls):
 * `placeAlertCall` for an activation's call, `onAlertCallResult('activation', …)` for its outcome,
 * `startConferenceCalls` for the linkage conference.
 */
import type { AlertCall } from '@yixian/db';
import { onAlertCallResult, placeAlertCall, startConferenceCalls, type ConferenceParty } from '../alert-calls/index.js';
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
  return placeAlertCall(deps, {
    purpose: 'activation', activationId: input.activationId, dutyShiftId: input.dutyShiftId, attempt: input.attempt,
    number: input.number, prompt: 'activation', ringSeconds: input.ringSeconds,
  });
}

export { onAlertCallResult as onAlertResult };

export async function startLinkageConference(deps: IncidentDeps, parties: readonly ConferenceParty[], ringSeconds: number) {
  return startConferenceCalls(deps, { parties, ringSeconds });
}
