import { channelBlock } from './channel-fields';
import { emitCdr } from './call-records';
import { clearCallTimers, emitOuterCdr, endCallerLegs, leaveQueue } from './call-ending';
import { callerAndAgent, dropAgentLeg, releaseMember } from './call-ringing';
import { hangupChannel, type PbxCore } from './pbx-core';
import { CALL_PHASE, type SimCall } from './sim-model';

/** The shipped [yixian-overflow] gives the caller this long to press a key (Read with a missing prompt). */
export const OVERFLOW_KEY_WAIT_MS = 5000;

export type OverflowReason = 'timeout' | 'joinempty' | 'after_hours';

function emitUserEvent(core: PbxCore, call: SimCall, name: string, reason: OverflowReason): void {
  core.emit('UserEvent', 'user,all', [...channelBlock(call.inner), ['UserEvent', name], ['Hotline', call.hotline], ['Reason', reason]]);
}

/** The `;2` leg's Cdr after the dialplan ran on without an agent, then the `;1` leg's. */
function emitOverflowCdrs(core: PbxCore, call: SimCall): void {
  emitCdr(core, call.inner, {
    destination: call.inner.exten, destinationContext: call.inner.context, destinationChannel: '',
    lastApplication: 'Hangup', lastData: '', disposition: 'ANSWERED', startAt: call.inner.createdAt,
  });
  emitOuterCdr(core, call);
}

/**
 * Queue() gave up on a waiting caller (QUEUE_MAX_WAIT): a real Asterisk says QueueCallerAbandon,
 * then QueueCallerLeave (only queue_log says EXITWITHTIMEOUT); a ringing member is cut off
 * (timeoutpriority = app). The dialplan goes on to overflow.
 */
export function timeOutOfQueue(core: PbxCore, call: SimCall): void {
  if (call.phase !== CALL_PHASE.waiting && call.phase !== CALL_PHASE.ringing) return;
  if (call.phase === CALL_PHASE.ringing && call.agentOuter) {
    core.emit('DialEnd', 'call,all', [...callerAndAgent(call), ['DialStatus', 'CANCEL']]);
    const member = call.member;
    dropAgentLeg(core, call);
    releaseMember(core, member, false);
    call.member = undefined;
  }
  const index = core.waiting.indexOf(call);
  core.emitChannel('QueueCallerAbandon', 'agent,all', call.inner, [
    ['Queue', core.options.queue],
    ['Position', String(index + 1)],
    ['OriginalPosition', String(call.originalPosition)],
    ['HoldTime', String(Math.floor((core.clock.now() - call.joinedAt) / 1000))],
  ]);
  core.stats.abandoned += 1;
  leaveQueue(core, call);
  startOverflow(core, call, 'timeout');
}

/**
 * No agent will take the call (timeout, joinempty, after hours). With `overflow` the shipped
 * dialplan runs: UserEvent YixianOverflow, then after the 5 s for a key YixianCallbackRequest and
 * the caller's legs hang up (`;2` first). Without it the caller is simply hung up.
 */
export function startOverflow(core: PbxCore, call: SimCall, reason: OverflowReason): void {
  clearCallTimers(core, call, true);
  call.phase = CALL_PHASE.overflow;
  if (!core.options.overflow && !(reason === 'after_hours' && (core.closedNow.has(call.hotline) || call.whenClosed !== undefined))) {
    endCallerLegs(core, call, () => emitOverflowCdrs(core, call));
    return;
  }
  Object.assign(call.inner, { context: 'yixian-overflow', exten: 's', priority: 1, application: 'UserEvent', appData: 'YixianOverflow' });
  emitUserEvent(core, call, 'YixianOverflow', reason);
  if (reason === 'after_hours' && call.whenClosed === 'message') {
    // [yixian-overflow] skips the menu: VoiceMail, no callback request; the caller leaves a message and hangs up.
    Object.assign(call.inner, { application: 'VoiceMail', appData: '9000@yixian,s' });
    call.timers.overflow = core.clock.setTimer(() => endCallerLegs(core, call, () => emitOverflowCdrs(core, call)), OVERFLOW_KEY_WAIT_MS);
    return;
  }
  call.timers.overflow = core.clock.setTimer(() => {
    Object.assign(call.inner, { priority: 7, application: 'UserEvent', appData: 'YixianCallbackRequest' });
    emitUserEvent(core, call, 'YixianCallbackRequest', reason);
    endCallerLegs(core, call, () => emitOverflowCdrs(core, call));
  }, OVERFLOW_KEY_WAIT_MS);
  Object.assign(call.inner, { application: 'Read', appData: 'choice,,1,,1,5' });
}

/** The caller hangs up during the overflow announcement: `;1` first, then `;2`; no UserEvent follows. */
export function endOverflowByCaller(core: PbxCore, call: SimCall): void {
  clearCallTimers(core, call);
  core.emitChannel('HangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  hangupChannel(core, call.outer, 16);
  core.emitChannel('SoftHangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  hangupChannel(core, call.inner, 16);
  emitOverflowCdrs(core, call);
  call.phase = CALL_PHASE.done;
  core.calls.delete(call.linkedid);
}
