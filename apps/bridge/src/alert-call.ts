/**
 * Alert calls (issue 16): an incident activation or a red warning rings a unit's on-duty phone.
 * The API names the call; the bridge takes the number from Redis (never from the job) and
 * Originates `Local/<number>@yixian-alert-carrier/n` — the carrier leg, its own context so a
 * test PBX can answer with its own parties — into `[yixian-alert]` (prompt, one digit) or, with
 * a room, `[yixian-alert-room]` (ConfBridge). The originated channel's Uniqueid is
 * `yxal-<alertCallId>` (its `;2` half `yxal-<alertCallId>;2`), so the PBX's own events name the
 * call:
 *
 * - DialEnd on the `;2` half — the carrier leg's Dial: BUSY → busy, NOANSWER / CANCEL → no_answer,
 *   CONGESTION / CHANUNAVAIL → failed; ANSWER → the person picked up, the dialplan decides next;
 * - UserEvent `YixianAlert` on the `;1` half — the dialplan's verdict: `Result: acknowledged`
 *   (pressed 1) or `answered` (another digit, nothing after three prompts, or joined the room),
 *   with `Digits`;
 * - Hangup of the `;1` half with nothing decided — hung up during the prompt (answered), or the
 *   Originate failed without the carrier leg's Dial saying why (no such extension): failed, or
 *   the OriginateResponse `Failure` Reason when it names one (5 busy, 3 no answer).
 *
 * The first of these decides; the outcome goes to the API on `call-events` as an `alert.result`.
 * An OriginateResponse `Failure` never decides by itself: a real Asterisk 22 can send it (Reason 0)
 * BEFORE the carrier leg's DialEnd BUSY (transcript `alert_calls`), and the `;1` half always hangs
 * up after that DialEnd.
 */
import { UnrecoverableError } from 'bullmq';
import { AmiActionError, getField, type AmiClient, type AmiMessage } from '@yixian/ami';
import { ALERT_ROOM_PATTERN, alertCallOfChannel, alertChannelId, type AlertCallCommand, type AlertCallResult, type AlertOutcome } from '@yixian/runtime';

/** Dialplan contexts (telephony/asterisk/extensions.conf). */
export const ALERT_CONTEXT = 'yixian-alert';
export const ALERT_ROOM_CONTEXT = 'yixian-alert-room';
export const ALERT_CARRIER_CONTEXT = 'yixian-alert-carrier';
/** Events the tracker reads besides the normaliser's. */
export const ALERT_EVENTS = ['OriginateResponse', 'DialEnd', 'UserEvent', 'Hangup'] as const;
/** The UserEvent the dialplan raises with its verdict. */
export const ALERT_USER_EVENT = 'YixianAlert';
/** The Originate outlives the carrier leg's Dial by this much, so the Dial's own status decides. */
const ORIGINATE_GRACE_SECONDS = 15;
const MAX_RING_SECONDS = 300;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DIAL_STATUS: Record<string, AlertOutcome> = {
  NOANSWER: 'no_answer', CANCEL: 'no_answer', BUSY: 'busy', CONGESTION: 'failed', CHANUNAVAIL: 'failed', INVALIDARGS: 'failed',
};
const ORIGINATE_REASON: Record<string, [AlertOutcome, string]> = {
  '0': ['failed', 'originate:failed'], '1': ['failed', 'originate:hangup'], '3': ['no_answer', 'originate:no_answer'],
  '5': ['busy', 'originate:busy'], '8': ['failed', 'originate:congestion'],
};
/** Digits only, or the dialplan's digits are not passed on (a number must never travel here). */
const digitsOf = (value: string | undefined) => (/^[0-9*#]{0,8}$/.test(value ?? '') ? (value ?? '') : '');

/** Checks a `call.alert` before anything is taken or sent; names the bad field. */
export function checkAlertCommand(command: AlertCallCommand): void {
  if (typeof command.alertCallId !== 'string' || !UUID.test(command.alertCallId)) throw new UnrecoverableError('command call.alert: alertCallId must be a uuid');
  if (command.prompt !== 'activation' && command.prompt !== 'warning') throw new UnrecoverableError('command call.alert: prompt must be activation or warning');
  if (!Number.isInteger(command.ringSeconds) || command.ringSeconds < 5 || command.ringSeconds > MAX_RING_SECONDS) {
    throw new UnrecoverableError(`command call.alert: ringSeconds must be a whole number from 5 to ${MAX_RING_SECONDS}`);
  }
  if (command.room !== undefined && (typeof command.room !== 'string' || !ALERT_ROOM_PATTERN.test(command.room))) {
    throw new UnrecoverableError('command call.alert: room must be letters, digits and -');
  }
}

/**
 * Runs a `call.alert`; the number is taken once, so a replayed job cannot dial twice. Whatever
 * stops the call before the PBX has it (a bad command, the number gone, the PBX refusing) is also
 * reported as `failed` through `onFailed`, so the API's retries go on without waiting.
 */
export async function runAlertCallCommand(
  client: AmiClient,
  command: AlertCallCommand,
  takeTarget: (alertCallId: string) => Promise<string | null>,
  onFailed: (alertCallId: string, detail: string) => void,
): Promise<{ ok: true; detail?: string }> {
  const named = typeof command.alertCallId === 'string' && UUID.test(command.alertCallId) ? command.alertCallId : null;
  try {
    checkAlertCommand(command);
    const number = await takeTarget(command.alertCallId);
    if (!number) throw new UnrecoverableError('command call.alert: the number to dial has expired');
    if (!/^\+?[0-9]{3,20}$/.test(number)) throw new UnrecoverableError('command call.alert: the number to dial is not a phone number');
    const channelId = alertChannelId(command.alertCallId);
    const room = command.room;
    await client.action({
      Action: 'Originate', Channel: `Local/${number}@${ALERT_CARRIER_CONTEXT}/n`,
      Context: room ? ALERT_ROOM_CONTEXT : ALERT_CONTEXT, Exten: room ?? 's', Priority: '1',
      Timeout: String((command.ringSeconds + ORIGINATE_GRACE_SECONDS) * 1000), Async: 'true',
      Variable: `YIXIAN_ALERT_PROMPT=${command.prompt},YIXIAN_ALERT_RING=${command.ringSeconds}`,
      ChannelId: channelId, OtherChannelId: `${channelId};2`,
    });
    return { ok: true, detail: channelId };
  } catch (error) {
    const detail = error instanceof AmiActionError ? `bridge:pbx_refused` : error instanceof UnrecoverableError ? 'bridge:rejected' : 'bridge:error';
    if (named) onFailed(named, detail);
    throw error;
  }
}

/**
 * Watches the PBX's events for alert-call channels and reports each call's outcome once.
 * Memory: one entry per alert call between its dial and its hangup, and a bounded set of the
 * calls already reported (a late event never reports twice; the job id keeps a repeat harmless anyway).
 */
export function createAlertCallTracker(pbxId: string, onResult: (result: AlertCallResult) => void) {
  /** Calls whose person picked up (DialEnd ANSWER or OriginateResponse Success), until their channel ends. */
  const answered = new Set<string>();
  /** Calls whose Originate failed (OriginateResponse Failure), with its Reason, until their channel ends. */
  const originateFailed = new Map<string, string>();
  const reported = new Set<string>();
  const REPORTED_KEPT = 10_000;

  const report = (alertCallId: string, message: AmiMessage | null, outcome: AlertOutcome, detail: string | null, digits = '') => {
    if (reported.has(alertCallId)) return;
    reported.add(alertCallId);
    if (reported.size > REPORTED_KEPT) reported.delete(reported.values().next().value!);
    const stamp = message ? Number(getField(message, 'Timestamp')) : Number.NaN;
    const at = Number.isFinite(stamp) && stamp > 0 ? new Date(stamp * 1000) : new Date();
    onResult({ kind: 'alert.result', eventId: `alert:${alertCallId}:result`, pbxId, at: at.toISOString(), alertCallId, outcome, detail, digits });
  };

  return {
    /** The bridge could not place the call at all (see runAlertCallCommand). */
    failed(alertCallId: string, detail: string): void {
      report(alertCallId, null, 'failed', detail);
    },
    /** Reads one AMI event; anything not about an alert-call channel is ignored at once. */
    observe(message: AmiMessage): void {
      const name = message.event;
      if (name !== 'OriginateResponse' && name !== 'DialEnd' && name !== 'UserEvent' && name !== 'Hangup') return;
      const uniqueid = getField(message, 'Uniqueid') ?? '';
      const alertCallId = alertCallOfChannel(uniqueid);
      if (!alertCallId) return;
      const half = uniqueid.endsWith(';2') ? 2 : 1;
      if (name === 'DialEnd') {
        // The carrier leg's Dial runs on the ;2 half.
        if (half !== 2) return;
        const status = (getField(message, 'DialStatus') ?? '').toUpperCase();
        if (status === 'ANSWER') answered.add(alertCallId);
        else report(alertCallId, message, DIAL_STATUS[status] ?? 'failed', status || null);
      } else if (name === 'UserEvent') {
        if (half !== 1 || getField(message, 'UserEvent') !== ALERT_USER_EVENT) return;
        const digits = digitsOf(getField(message, 'Digits'));
        const result = getField(message, 'Result');
        const room = getField(message, 'Room');
        if (result === 'acknowledged') report(alertCallId, message, 'acknowledged', 'DTMF', digits);
        else report(alertCallId, message, 'answered', room ? 'room' : digits ? 'DTMF' : 'no_digit', digits);
      } else if (name === 'OriginateResponse') {
        if (half !== 1) return;
        if (getField(message, 'Response') === 'Success') answered.add(alertCallId);
        else originateFailed.set(alertCallId, getField(message, 'Reason') ?? '0');
      } else {
        if (half !== 1) return;
        const cause = getField(message, 'Cause-txt') ?? getField(message, 'Cause') ?? 'hangup';
        const reason = originateFailed.get(alertCallId);
        // Picked up but hung up before the dialplan's verdict: reached, not acknowledged.
        if (answered.has(alertCallId)) report(alertCallId, message, 'answered', `hangup:${cause}`);
        else if (reason !== undefined) report(alertCallId, message, ...(ORIGINATE_REASON[reason] ?? ['failed', 'originate:failed'] as [AlertOutcome, string]));
        else report(alertCallId, message, 'failed', `hangup:${cause}`);
        answered.delete(alertCallId);
        originateFailed.delete(alertCallId);
      }
    },
  };
}

export type AlertCallTracker = ReturnType<typeof createAlertCallTracker>;
