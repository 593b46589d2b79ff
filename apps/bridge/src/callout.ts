/**
 * Call-outs from the agents' worklists (回拨 / 回访). The API names the attempt; the bridge takes
 * the citizen's number from Redis (never from the job) and Originates from the agent's phone into
 * `[yixian-callback]`, which dials the carrier presenting the hotline. The originated channel's
 * Uniqueid is `yxcb-<attemptId>` (Originate `ChannelId`), so the PBX's own events name the attempt:
 *
 * - OriginateResponse `Response: Failure` — the agent's phone never answered (Reason 3 no answer,
 *   5 busy, 1/8/0 hung up / congested / failed): the citizen was never dialled;
 * - DialEnd on that channel — the citizen's leg: DialStatus ANSWER, NOANSWER, BUSY, CANCEL (the
 *   agent gave up while it rang), CONGESTION / CHANUNAVAIL;
 * - Hangup of that channel with no DialEnd seen — the dialplan never dialled (bad number).
 *
 * The first of these decides; the outcome goes to the API on `call-events` as a `callout.result`.
 */
import { UnrecoverableError } from 'bullmq';
import { getField, type AmiClient, type AmiMessage } from '@yixian/ami';
import { attemptOfChannel, calloutChannelId, type CallbackCommand, type CalloutOutcome, type CalloutResult } from '@yixian/runtime';

/** The dialplan context that dials the citizen (telephony/asterisk/extensions.conf). */
export const CALLBACK_CONTEXT = 'yixian-callback';
/** Events the tracker reads besides the normaliser's. */
export const CALLOUT_EVENTS = ['OriginateResponse', 'DialEnd', 'Hangup'] as const;

const DIAL_STATUS: Record<string, CalloutOutcome> = {
  ANSWER: 'answered', NOANSWER: 'no_answer', CANCEL: 'no_answer', BUSY: 'busy', CONGESTION: 'failed', CHANUNAVAIL: 'failed',
};
const ORIGINATE_REASON: Record<string, string> = { '0': 'failed', '1': 'hangup', '3': 'no_answer', '5': 'busy', '8': 'congestion' };

/** Runs a `call.callback`; the number is taken once, so a replayed job cannot dial twice. */
export async function runCallbackCommand(client: AmiClient, command: CallbackCommand, takeTarget: (attemptId: string) => Promise<string | null>): Promise<{ ok: true; detail?: string }> {
  for (const field of ['attemptId', 'interface', 'hotline'] as const) {
    if (typeof command[field] !== 'string' || command[field].length === 0) throw new UnrecoverableError(`command call.callback: ${field} is required`);
  }
  const number = await takeTarget(command.attemptId);
  if (!number) throw new UnrecoverableError('command call.callback: the number to dial has expired; start the call again');
  const channelId = calloutChannelId(command.attemptId);
  await client.action({
    Action: 'Originate', Channel: command.interface, Context: CALLBACK_CONTEXT, Exten: number, Priority: '1',
    Timeout: String((command.ringSeconds ?? 30) * 1000), Async: 'true',
    // The agent's phone shows the hotline being called back; the dialplan presents it to the citizen.
    CallerID: `"${command.hotline}" <${command.hotline}>`,
    Variable: `YIXIAN_CALLBACK_CLI=${command.hotline}`,
    ChannelId: channelId, OtherChannelId: `${channelId};2`,
  });
  return { ok: true, detail: channelId };
}

/**
 * Watches the PBX's events for call-out channels and reports each attempt's outcome once.
 * Memory: one entry per call-out between its dial and its hangup.
 */
export function createCalloutTracker(pbxId: string, onResult: (result: CalloutResult) => void) {
  /** Attempts whose agent's phone answered (OriginateResponse Success), until their channel ends. */
  const answered = new Set<string>();
  const reported = new Set<string>();
  const report = (attemptId: string, message: AmiMessage, outcome: CalloutOutcome, detail: string | null) => {
    if (reported.has(attemptId)) return;
    reported.add(attemptId);
    const stamp = Number(getField(message, 'Timestamp'));
    const at = Number.isFinite(stamp) && stamp > 0 ? new Date(stamp * 1000) : new Date();
    onResult({ kind: 'callout.result', eventId: `callout:${attemptId}:result`, pbxId, at: at.toISOString(), attemptId, outcome, detail });
  };

  return {
    /** Reads one AMI event; anything not about a call-out channel is ignored at once. */
    observe(message: AmiMessage): void {
      const name = message.event;
      if (name !== 'OriginateResponse' && name !== 'DialEnd' && name !== 'Hangup') return;
      const uniqueid = getField(message, 'Uniqueid');
      const attemptId = attemptOfChannel(uniqueid);
      // Only the first channel counts (a Local channel's ;2 half has its own events).
      if (!attemptId || uniqueid?.includes(';')) return;
      if (name === 'OriginateResponse') {
        if (getField(message, 'Response') === 'Success') answered.add(attemptId);
        else report(attemptId, message, 'failed', `agent:${ORIGINATE_REASON[getField(message, 'Reason') ?? '0'] ?? 'failed'}`);
      } else if (name === 'DialEnd') {
        const status = (getField(message, 'DialStatus') ?? '').toUpperCase();
        report(attemptId, message, DIAL_STATUS[status] ?? 'failed', status || null);
      } else {
        // Ended with no dial: the agent's phone failed (the Hangup can come before OriginateResponse)
        // or, once it had answered, the dialplan could not dial the number.
        const cause = getField(message, 'Cause-txt') ?? getField(message, 'Cause') ?? 'hangup';
        report(attemptId, message, 'failed', answered.has(attemptId) ? cause : `agent:${cause}`);
        answered.delete(attemptId);
        reported.delete(attemptId);
      }
    },
  };
}
