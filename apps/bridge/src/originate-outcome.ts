/**
 * An async Originate answers "successfully queued" at once; whether the device could be rung
 * comes later as an `OriginateResponse` event carrying the action's ActionID. A phone that is
 * not registered fails at once (Reason 0 or 8); one that rings answers only when picked up. So
 * the listen-in waits briefly for a failure and otherwise takes the ringing phone as success.
 */
import { getField, type AmiClient, type AmiMessage, type AmiOutgoing } from '@yixian/ami';

export type OriginateOutcome = { ok: true; pending: boolean } | { ok: false; reason: string };

/** Sends an async Originate and waits up to `waitMs` for its OriginateResponse. */
export async function originateAndWatch(client: AmiClient, fields: AmiOutgoing & { Action: 'Originate' }, waitMs: number): Promise<OriginateOutcome> {
  const seen: AmiMessage[] = [];
  let actionId: string | undefined;
  let settle: ((outcome: OriginateOutcome) => void) | undefined;
  const judge = (message: AmiMessage): OriginateOutcome => (getField(message, 'Response') === 'Success'
    ? { ok: true, pending: false }
    : { ok: false, reason: getField(message, 'Reason') ?? '0' });
  const onEvent = (message: AmiMessage) => {
    if (message.event !== 'OriginateResponse') return;
    if (actionId === undefined) seen.push(message);
    else if (message.actionId === actionId) settle?.(judge(message));
  };
  client.on('event', onEvent);
  try {
    const result = await client.action({ ...fields, Async: 'true' });
    actionId = result.response.actionId;
    const early = seen.find((message) => message.actionId === actionId);
    if (early) return judge(early);
    return await new Promise<OriginateOutcome>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: true, pending: true }), waitMs);
      settle = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
    });
  } finally {
    client.off('event', onEvent);
  }
}
