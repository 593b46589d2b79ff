import { bridgeBlock, channelBlock } from './channel-fields';
import { clearCallTimers } from './call-ending';
import { createChannel, hangupChannel, type PbxCore } from './pbx-core';
import { CALL_PHASE, type SimCall } from './sim-model';

const callerAndDesk = (call: SimCall) => [...channelBlock(call.inner), ...channelBlock(call.desk!.outer, 'Dest')];

/**
 * A transferred caller's dialplan dials a desk (options.transferDesk, the test PBX's
 * `Dial(Local/<exten>@yixian-test-desks/n,60)`): a Local pair of the same call, DialBegin from the
 * caller; after answerAfterS DialEnd ANSWER and a new bridge, until the caller hangs up.
 */
export function dialDesk(core: PbxCore, call: SimCall, exten: string): void {
  const desk = core.options.transferDesk;
  if (!desk) return;
  const base = `Local/${exten}@${desk.context}-${core.nextLocalSuffix()}`;
  const spec = { state: 'down', context: desk.context, exten, linkedid: call.linkedid } as const;
  const outer = createChannel(core, { ...spec, name: `${base};1` });
  const inner = createChannel(core, { ...spec, name: `${base};2`, state: 'ring' });
  core.emitChannel('Newchannel', 'call,all', outer);
  core.emitChannel('Newchannel', 'call,all', inner);
  const { callerNum, callerName } = call.inner;
  for (const ch of [outer, inner]) {
    Object.assign(ch, { callerNum, callerName, connectedNum: callerNum, connectedName: callerName, hotline: call.hotline });
  }
  Object.assign(outer, { application: 'AppDial', appData: '(Outgoing Line)' });
  Object.assign(inner, { application: 'Wait', appData: String(desk.answerAfterS) });
  Object.assign(call.inner, { application: 'Dial', appData: `Local/${exten}@${desk.context}/n,60` });
  call.desk = { outer, inner, bridgeId: '' };
  core.emit('DialBegin', 'call,all', [...callerAndDesk(call), ['DialString', `${exten}@${desk.context}/n`]]);
  call.timers.desk = core.clock.setTimer(() => answerDesk(core, call), desk.answerAfterS * 1000);
}

function answerDesk(core: PbxCore, call: SimCall): void {
  const desk = call.desk;
  if (!desk || call.phase !== CALL_PHASE.transferred) return;
  const now = core.clock.now();
  Object.assign(desk.inner, { state: 'up', answeredAt: now, application: 'Wait', appData: '3600' });
  core.emitChannel('Newstate', 'call,all', desk.inner);
  Object.assign(desk.outer, { state: 'up', answeredAt: now });
  core.emitChannel('Newstate', 'call,all', desk.outer);
  core.emit('DialEnd', 'call,all', [...callerAndDesk(call), ['DialStatus', 'ANSWER']]);
  desk.bridgeId = core.nextBridgeId();
  core.emit('BridgeCreate', 'call,all', bridgeBlock(desk.bridgeId, 0));
  desk.outer.bridgeId = desk.bridgeId;
  core.emit('BridgeEnter', 'call,all', [...bridgeBlock(desk.bridgeId, 1), ...channelBlock(desk.outer)]);
  call.inner.bridgeId = desk.bridgeId;
  core.emit('BridgeEnter', 'call,all', [...bridgeBlock(desk.bridgeId, 2), ...channelBlock(call.inner)]);
}

/**
 * The caller at a desk hangs up (asterisk-22 `redirect_to_desk`): `;1`, the bridge comes apart,
 * the desk's legs, then `complete` (a Redirect's held-back AgentComplete), the caller's `;2` last.
 */
export function endDeskCall(core: PbxCore, call: SimCall, complete: () => void, cdrs: () => void): void {
  const desk = call.desk;
  if (!desk) return;
  clearCallTimers(core, call);
  core.emitChannel('HangupRequest', 'call,all', call.inner, [['Cause', '16']]);
  hangupChannel(core, call.outer, 16);
  if (desk.bridgeId) {
    core.emit('BridgeLeave', 'call,all', [...bridgeBlock(desk.bridgeId, 1), ...channelBlock(call.inner)]);
    core.emit('BridgeLeave', 'call,all', [...bridgeBlock(desk.bridgeId, 0), ...channelBlock(desk.outer)]);
    core.emit('BridgeDestroy', 'call,all', bridgeBlock(desk.bridgeId, 0));
  } else {
    core.emit('DialEnd', 'call,all', [...callerAndDesk(call), ['DialStatus', 'CANCEL']]);
  }
  hangupChannel(core, desk.outer, 16);
  hangupChannel(core, desk.inner, 16);
  complete();
  cdrs();
  hangupChannel(core, call.inner, 16);
  call.desk = undefined;
  call.phase = CALL_PHASE.done;
  core.calls.delete(call.linkedid);
}
