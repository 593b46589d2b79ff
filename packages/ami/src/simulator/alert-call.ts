import { bridgeBlock, channelBlock } from './channel-fields';
import { createChannel, type PbxCore } from './pbx-core';
import type { SimChannel } from './sim-model';
import type { AmiFields } from './wire-format';

/** The shipped dialplan's alert-call contexts (telephony/asterisk/extensions.conf). */
export const ALERT_CONTEXT = 'yixian-alert';
export const ALERT_ROOM_CONTEXT = 'yixian-alert-room';
/** The originated channel of an alert call: its carrier leg. */
export const ALERT_CHANNEL = /^Local\/(\+?\d+)@yixian-alert-carrier(?:\/n)?$/;

/**
 * How the simulated on-duty person behaves, by the dialled number's last digits (the demo and
 * tests pick a number for the outcome they want): `…0000` never answers (NOANSWER when the ring
 * time is over), `…0001` is busy, `…0002` is unreachable (CHANUNAVAIL), `…0003` answers and
 * presses nothing (three prompts, then `answered`); any other number answers after 2 s and
 * presses 1 two seconds later (`acknowledged`). In a room, anyone who answers stays 10 minutes.
 * The test PBX's own parties (telephony/pbx/test-include.ts) behave as there: 13900000011 presses 1,
 * …12 presses nothing, …13 never answers, …14 is busy.
 */
const TEST_PBX_PARTIES: Record<string, ReturnType<typeof alerteeBehaviour>> = {
  '13900000011': 'acknowledge', '13900000012': 'silent', '13900000013': 'no_answer', '13900000014': 'busy',
};
export function alerteeBehaviour(number: string): 'acknowledge' | 'silent' | 'no_answer' | 'busy' | 'unavailable' {
  const party = TEST_PBX_PARTIES[number];
  if (party) return party;
  if (number.endsWith('0000')) return 'no_answer';
  if (number.endsWith('0001')) return 'busy';
  if (number.endsWith('0002')) return 'unavailable';
  if (number.endsWith('0003')) return 'silent';
  return 'acknowledge';
}

const ANSWER_MS = 2_000;
const DIGIT_MS = 2_000;
/** Three prompts of 5 s each in [yixian-alert]. */
const SILENT_MS = 15_000;
const ROOM_STAY_MS = 600_000;

export interface AlertSpec {
  number: string;
  /** `yixian-alert` (prompt) or `yixian-alert-room` (Exten = room). */
  context: string;
  exten: string;
  actionId: string;
  /** Originate `ChannelId`: the Uniqueid of the `;1` half (`;2` gets `OtherChannelId`). */
  channelId?: string;
  otherChannelId?: string;
  prompt: string;
  ringSeconds: number;
}

function hangup(core: PbxCore, ch: SimChannel, cause: number, text: string): void {
  if (!core.channels.has(ch.name)) return;
  core.emitChannel('Hangup', 'call,all', ch, [['Cause', String(cause)], ['Cause-txt', text]]);
  core.channels.delete(ch.name);
}

/**
 * Originate of `Local/<number>@yixian-alert-carrier/n` into [yixian-alert] or [yixian-alert-room],
 * in the order a real Asterisk 22.10.1 sent it to the bridge (transcript `alert_calls`): the Local
 * pair, the Originate's own DialBegin (Dest = `;1`, no caller), the carrier channel and the `;2`
 * half's DialBegin; answered: DialEnd ANSWER, BridgeCreate, OriginateResponse Success, the
 * Originate's DialEnd ANSWER, BridgeEnter ×2, later the dialplan's UserEvent `YixianAlert` on `;1`
 * and the hang-ups (`;1` first). Busy or unreachable: OriginateResponse Failure (Reason 0, the
 * requested channel) comes FIRST, then DialEnd BUSY; a ring-out: DialEnd NOANSWER, then the Failure.
 */
export function originateAlert(core: PbxCore, spec: AlertSpec): void {
  const suffix = core.nextLocalSuffix();
  const requested = `Local/${spec.number}@yixian-alert-carrier/n`;
  const base = `Local/${spec.number}@yixian-alert-carrier-${suffix}`;
  const one = createChannel(core, { name: `${base};1`, state: 'down', context: 'yixian-alert-carrier', exten: spec.number });
  const two = createChannel(core, { name: `${base};2`, state: 'ring', context: 'yixian-alert-carrier', exten: spec.number, linkedid: one.linkedid });
  if (spec.channelId) {
    for (const [ch, id] of [[one, spec.channelId], [two, spec.otherChannelId ?? `${spec.channelId};2`]] as const) {
      core.channels.delete(ch.name);
      Object.assign(ch, { uniqueid: id, linkedid: spec.channelId });
      core.channels.set(ch.name, ch);
    }
  }
  const behaviour = alerteeBehaviour(spec.number);
  const failure = () => core.emit('OriginateResponse', 'call,all', [
    ['ActionID', spec.actionId], ['Response', 'Failure'], ['Channel', requested], ['Context', spec.context], ['Exten', spec.exten],
    ['Reason', '0'], ['Uniqueid', one.uniqueid], ['CallerIDNum', '<unknown>'], ['CallerIDName', '<unknown>'],
  ]);
  core.emitChannel('Newchannel', 'call,all', one);
  core.emitChannel('Newchannel', 'call,all', two);
  const refused = behaviour === 'busy' || behaviour === 'unavailable';
  if (refused) failure();
  const originateDial = () => channelBlock(one, 'Dest');
  core.emit('DialBegin', 'call,all', [...originateDial(), ['DialString', `${spec.number}@yixian-alert-carrier/n`]]);
  Object.assign(two, { application: 'Dial', appData: `PJSIP/${spec.number}@carrier,${spec.ringSeconds}` });
  const callee = createChannel(core, { name: `PJSIP/carrier-${core.nextLocalSuffix()}`, state: 'down', context: 'from-carrier', exten: spec.number, linkedid: one.linkedid, callerNum: spec.number, callerName: '<unknown>' });
  core.emitChannel('Newchannel', 'call,all', callee);
  const dial = () => [...channelBlock(two), ...channelBlock(callee, 'Dest')];
  core.emit('DialBegin', 'call,all', [...dial(), ['DialString', `${spec.number}@carrier`]]);

  if (refused) {
    const [status, cause, text] = behaviour === 'busy' ? ['BUSY', 17, 'User busy'] as const : ['CHANUNAVAIL', 20, 'Subscriber absent'] as const;
    core.emit('DialEnd', 'call,all', [...dial(), ['DialStatus', status]]);
    hangup(core, callee, cause, text);
    core.emit('DialEnd', 'call,all', [...originateDial(), ['DialStatus', 'NOANSWER']]);
    hangup(core, one, 16, 'Normal Clearing');
    hangup(core, two, 16, 'Normal Clearing');
    return;
  }
  core.emit('DialState', 'call,all', [...dial(), ['DialStatus', 'RINGING']]);
  if (behaviour === 'no_answer') {
    core.clock.setTimer(() => {
      core.emit('DialEnd', 'call,all', [...dial(), ['DialStatus', 'NOANSWER']]);
      hangup(core, callee, 0, 'Unknown');
      failure();
      hangup(core, two, 16, 'Normal Clearing');
      core.emit('DialEnd', 'call,all', [...originateDial(), ['DialStatus', 'NOANSWER']]);
      hangup(core, one, 16, 'Normal Clearing');
    }, spec.ringSeconds * 1000);
    return;
  }
  core.clock.setTimer(() => {
    const now = core.clock.now();
    for (const ch of [callee, two, one]) Object.assign(ch, { state: 'up', answeredAt: now });
    core.emit('DialEnd', 'call,all', [...dial(), ['DialStatus', 'ANSWER']]);
    const bridgeId = core.nextBridgeId();
    core.emit('BridgeCreate', 'call,all', bridgeBlock(bridgeId, 0));
    Object.assign(one, { context: spec.context, exten: spec.exten, priority: 1 });
    core.emit('OriginateResponse', 'call,all', [
      ['ActionID', spec.actionId], ['Response', 'Success'], ['Channel', one.name], ['Context', spec.context], ['Exten', spec.exten],
      ['Reason', '4'], ['Uniqueid', one.uniqueid], ['CallerIDNum', '<unknown>'], ['CallerIDName', '<unknown>'], [`ChanVariable(${one.name})`, 'HOTLINE='],
    ]);
    core.emit('DialEnd', 'call,all', [...originateDial(), ['DialStatus', 'ANSWER']]);
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(callee)]);
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 2), ...channelBlock(two)]);
    const end = () => {
      hangup(core, one, 16, 'Normal Clearing');
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(two)]);
      hangup(core, two, 16, 'Normal Clearing');
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 0), ...channelBlock(callee)]);
      core.emit('BridgeDestroy', 'call,all', bridgeBlock(bridgeId, 0));
      hangup(core, callee, 16, 'Normal Clearing');
    };
    const verdict = (result: string, extra: AmiFields) => core.emit('UserEvent', 'user,all', [...channelBlock(one), ['UserEvent', 'YixianAlert'], ['Result', result], ...extra]);

    if (spec.context === ALERT_ROOM_CONTEXT) {
      one.priority = 2;
      verdict('answered', [['Digits', ''], ['Room', spec.exten]]);
      one.priority = 3;
      core.emit('ConfbridgeJoin', 'call,all', [['Conference', spec.exten], ...channelBlock(one), ['Admin', 'No'], ['Muted', 'No']]);
      core.clock.setTimer(() => {
        core.emit('ConfbridgeLeave', 'call,all', [['Conference', spec.exten], ...channelBlock(one), ['Admin', 'No']]);
        end();
      }, ROOM_STAY_MS);
      return;
    }
    if (behaviour === 'acknowledge') {
      core.clock.setTimer(() => {
        one.priority = 11;
        verdict('acknowledged', [['Digits', '1'], ['Prompt', spec.prompt]]);
        end();
      }, DIGIT_MS);
      return;
    }
    core.clock.setTimer(() => {
      one.priority = 9;
      verdict('answered', [['Digits', ''], ['Prompt', spec.prompt]]);
      end();
    }, SILENT_MS);
  }, ANSWER_MS);
}
