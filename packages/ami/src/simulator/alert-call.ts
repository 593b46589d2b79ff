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
 */
export function alerteeBehaviour(number: string): 'acknowledge' | 'silent' | 'no_answer' | 'busy' | 'unavailable' {
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
 * Originate of `Local/<number>@yixian-alert-carrier/n` into [yixian-alert] or [yixian-alert-room]:
 * the Local pair, the `;2` half's Dial to the carrier (DialBegin, DialEnd with its DialStatus),
 * then, once answered, OriginateResponse Success and the dialplan's UserEvent `YixianAlert`
 * (Result acknowledged | answered, Digits, Prompt or Room) on the `;1` half, and the hangups.
 * A call nobody answers ends with DialEnd, the hangups and OriginateResponse Failure.
 */
export function originateAlert(core: PbxCore, spec: AlertSpec): void {
  const suffix = core.nextLocalSuffix();
  const base = `Local/${spec.number}@yixian-alert-carrier-${suffix}`;
  const one = createChannel(core, { name: `${base};1`, state: 'down', context: spec.context, exten: spec.exten });
  const two = createChannel(core, { name: `${base};2`, state: 'down', context: 'yixian-alert-carrier', exten: spec.number, linkedid: one.linkedid });
  if (spec.channelId) {
    for (const [ch, id] of [[one, spec.channelId], [two, spec.otherChannelId ?? `${spec.channelId};2`]] as const) {
      core.channels.delete(ch.name);
      Object.assign(ch, { uniqueid: id, linkedid: spec.channelId });
      core.channels.set(ch.name, ch);
    }
  }
  core.emitChannel('Newchannel', 'call,all', one);
  core.emitChannel('Newchannel', 'call,all', two);
  Object.assign(two, { application: 'Dial', appData: `PJSIP/${spec.number}@carrier,${spec.ringSeconds}` });
  const callee = createChannel(core, { name: `PJSIP/carrier-${core.nextLocalSuffix()}`, state: 'down', context: 'from-carrier', exten: 's', linkedid: one.linkedid, callerNum: spec.number, callerName: '<unknown>' });
  core.emitChannel('Newchannel', 'call,all', callee);
  const dial = () => [...channelBlock(two), ...channelBlock(callee, 'Dest')];
  core.emit('DialBegin', 'call,all', [...dial(), ['DialString', `${spec.number}@carrier`]]);

  const originateResponse = (response: 'Success' | 'Failure', reason: string): AmiFields => [
    ['ActionID', spec.actionId], ['Response', response], ['Channel', one.name], ['Context', spec.context],
    ['Exten', spec.exten], ['Reason', reason], ['Uniqueid', one.uniqueid], ['CallerIDNum', '<unknown>'], ['CallerIDName', '<unknown>'],
  ];
  const unanswered = (status: string, cause: number, text: string, reason: string) => {
    core.emit('DialEnd', 'call,all', [...dial(), ['DialStatus', status]]);
    hangup(core, callee, cause, text);
    hangup(core, two, cause, text);
    hangup(core, one, cause, text);
    core.emit('OriginateResponse', 'call,all', originateResponse('Failure', reason));
  };

  const behaviour = alerteeBehaviour(spec.number);
  if (behaviour === 'busy') return unanswered('BUSY', 17, 'User busy', '5');
  if (behaviour === 'unavailable') return unanswered('CHANUNAVAIL', 20, 'Subscriber absent', '0');
  core.emit('DialState', 'call,all', [...dial(), ['DialStatus', 'RINGING']]);
  if (behaviour === 'no_answer') {
    core.clock.setTimer(() => unanswered('NOANSWER', 19, 'No answer', '3'), spec.ringSeconds * 1000);
    return;
  }
  core.clock.setTimer(() => {
    const now = core.clock.now();
    for (const ch of [callee, two, one]) Object.assign(ch, { state: 'up', answeredAt: now });
    core.emit('DialEnd', 'call,all', [...dial(), ['DialStatus', 'ANSWER']]);
    const bridgeId = core.nextBridgeId();
    core.emit('BridgeCreate', 'call,all', bridgeBlock(bridgeId, 0));
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(two)]);
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 2), ...channelBlock(callee)]);
    core.emit('OriginateResponse', 'call,all', originateResponse('Success', '4'));
    const end = () => {
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(callee)]);
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 0), ...channelBlock(two)]);
      core.emit('BridgeDestroy', 'call,all', bridgeBlock(bridgeId, 0));
      hangup(core, one, 16, 'Normal Clearing');
      hangup(core, two, 16, 'Normal Clearing');
      hangup(core, callee, 16, 'Normal Clearing');
    };
    const verdict = (result: string, extra: AmiFields) => core.emit('UserEvent', 'user,all', [...channelBlock(one), ['Userevent', 'YixianAlert'], ['Result', result], ...extra]);

    if (spec.context === ALERT_ROOM_CONTEXT) {
      verdict('answered', [['Digits', ''], ['Room', spec.exten]]);
      core.emit('ConfbridgeJoin', 'call,all', [['Conference', spec.exten], ...channelBlock(one), ['Admin', 'No'], ['Muted', 'No']]);
      core.clock.setTimer(() => {
        core.emit('ConfbridgeLeave', 'call,all', [['Conference', spec.exten], ...channelBlock(one), ['Admin', 'No']]);
        end();
      }, ROOM_STAY_MS);
      return;
    }
    if (behaviour === 'acknowledge') {
      core.clock.setTimer(() => {
        verdict('acknowledged', [['Digits', '1'], ['Prompt', spec.prompt]]);
        end();
      }, DIGIT_MS);
      return;
    }
    core.clock.setTimer(() => {
      verdict('answered', [['Digits', ''], ['Prompt', spec.prompt]]);
      end();
    }, SILENT_MS);
  }, ANSWER_MS);
}
