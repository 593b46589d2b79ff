/** How a call leaves the API: the caller's number masked, times as ISO strings. */
import { maskPhone } from '@yixian/domain';
import type { Call } from '@yixian/db';

export function presentCall(call: Call & { tickets?: { id: string; code: string; state: string }[] }) {
  return {
    id: call.id,
    linkedid: call.linkedid,
    pbxId: call.pbxId,
    hotlineNumber: call.hotlineNumber,
    callerNumber: maskPhone(call.callerNumber),
    state: call.state,
    queue: call.queue,
    agentInterface: call.agentInterface,
    agentUserId: call.agentUserId,
    enteredAt: call.enteredAt.toISOString(),
    ringAt: call.ringAt?.toISOString() ?? null,
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    waitSeconds: call.waitSeconds,
    talkSeconds: call.talkSeconds,
    abandonPosition: call.abandonPosition,
    hangupBy: call.hangupBy,
    lastRungInterface: call.lastRungInterface,
    transferTarget: call.transferTarget,
    overflowReason: call.overflowReason,
    callbackRequestedAt: call.callbackRequestedAt?.toISOString() ?? null,
    source: call.source,
    recordingFile: call.recordingFile,
    resynced: call.resynced,
    tickets: (call.tickets ?? []).map((ticket) => ({ id: ticket.id, code: ticket.code, state: ticket.state })),
  };
}
