/** Alert calls through the PBX (issue 16), for the incidents and warnings modules. See README.md. */
export { ALERT_CALL_PURPOSES, dialableAlertNumber, newConferenceRoom, placeAlertCall, startConferenceCalls, type AlertCallDeps, type AlertCallPurpose, type ConferenceParty, type PlaceAlertCallInput } from './place-alert-call.js';
export { onAlertCallResult, type AlertCallResultEvent, type AlertCallResultHandler } from './alert-result-handlers.js';
export { applyAlertResult, parseAlertResult } from './apply-alert-result.js';
export type { AlertCallResult, AlertOutcome, AlertPrompt } from '@yixian/runtime';
export { sweepUnreportedAlertCalls, UNREPORTED_AFTER_MS } from './sweep-unreported.js';
