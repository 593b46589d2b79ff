import { bridgeBlock, channelBlock } from './channel-fields';
import { emitDeviceState, createChannel, type PbxCore } from './pbx-core';
import { releaseMember } from './call-ringing';
import type { SimChannel } from './sim-model';
import type { AmiFields } from './wire-format';

/** The dialplan context the bridge's call-outs (worklist call-backs) run in. */
export const CALLOUT_CONTEXT = 'yixian-callback';

/**
 * How the simulated citizen behaves, by the dialled number's last digits (the demo and tests pick
 * a number for the outcome they want): `…0000` never answers (NOANSWER when the Dial times out),
 * `…0001` is busy, `…0002` is unreachable (CHANUNAVAIL); any other number answers after 2 s and
 * hangs up after 5 s of talk.
 */
export function citizenBehaviour(number: string): 'answer' | 'no_answer' | 'busy' | 'unavailable' {
  if (number.endsWith('0000')) return 'no_answer';
  if (number.endsWith('0001')) return 'busy';
  if (number.endsWith('0002')) return 'unavailable';
  return 'answer';
}

const CITIZEN_ANSWER_MS = 2_000;
const CITIZEN_TALK_MS = 5_000;
/** `Dial(…,30)` in [yixian-callback]. */
const DIAL_TIMEOUT_MS = 30_000;
/** The agent's desk phone auto-answers a click-to-dial after one ring. */
const AGENT_ANSWER_MS = 1_000;

export interface CalloutSpec {
  channel: string;
  exten: string;
  callerNum: string;
  callerName: string;
  actionId: string;
  /** Originate `ChannelId` / `OtherChannelId`: the Uniqueid the originated channel gets. */
  channelId?: string;
  /** `Variable: YIXIAN_CALLBACK_CLI=<hotline>`: the number the dialplan presents to the citizen. */
  presentedNum: string;
}

function hangup(core: PbxCore, ch: SimChannel, cause: number, text: string): void {
  if (!core.channels.has(ch.name)) return;
  core.emitChannel('Hangup', 'call,all', ch, [['Cause', String(cause)], ['Cause-txt', text]]);
  core.channels.delete(ch.name);
}

/**
 * Originate of the agent's phone into [yixian-callback], in the order Asterisk 22 emits it: the
 * agent's channel rings and answers, OriginateResponse (Context/Exten form, Reason 4), then the
 * dialplan's Dial to the carrier — DialBegin, DialState RINGING, DialEnd with the DialStatus —
 * a bridge while they talk, and Hangups (the called leg first when the citizen ends the call).
 */
export function originateCallout(core: PbxCore, spec: CalloutSpec): void {
  const suffix = core.nextLocalSuffix();
  const agent = createChannel(core, { name: `${spec.channel}-${suffix}`, state: 'down', context: CALLOUT_CONTEXT, exten: spec.exten, callerNum: spec.callerNum, callerName: spec.callerName });
  if (spec.channelId) {
    core.channels.delete(agent.name);
    Object.assign(agent, { uniqueid: spec.channelId, linkedid: spec.channelId });
    core.channels.set(agent.name, agent);
  }
  const member = core.members.find((m) => m.interface === spec.channel);
  if (member) member.linkedid = agent.linkedid;
  emitDeviceState(core, spec.channel, 'RINGING');
  core.emitChannel('Newchannel', 'call,all', agent);
  agent.state = 'ringing';
  core.emitChannel('Newstate', 'call,all', agent);

  const originateResponse = (response: 'Success' | 'Failure', reason: string): AmiFields => [
    ['ActionID', spec.actionId], ['Response', response], ['Channel', agent.name], ['Context', CALLOUT_CONTEXT],
    ['Exten', spec.exten], ['Reason', reason], ['Uniqueid', agent.uniqueid], ['CallerIDNum', spec.callerNum], ['CallerIDName', spec.callerName],
  ];
  const finish = () => {
    hangup(core, agent, 16, 'Normal Clearing');
    releaseMember(core, member, false);
  };

  core.clock.setTimer(() => {
    Object.assign(agent, { state: 'up', answeredAt: core.clock.now(), priority: 1 });
    core.emitChannel('Newstate', 'call,all', agent);
    core.emit('OriginateResponse', 'call,all', originateResponse('Success', '4'));
    dialCitizen(core, agent, spec, finish);
  }, AGENT_ANSWER_MS);
}

function dialCitizen(core: PbxCore, agent: SimChannel, spec: CalloutSpec, finish: () => void): void {
  const behaviour = citizenBehaviour(spec.exten);
  agent.priority = 3;
  agent.application = 'Dial';
  agent.appData = `PJSIP/${spec.exten}@carrier,30`;
  const citizen = createChannel(core, {
    name: `PJSIP/carrier-${core.nextLocalSuffix()}`, state: 'down', context: 'from-carrier', exten: 's', linkedid: agent.linkedid,
    callerNum: spec.presentedNum, callerName: spec.presentedNum,
  });
  citizen.connectedNum = spec.presentedNum;
  core.emitChannel('Newchannel', 'call,all', citizen);
  const both = () => [...channelBlock(agent), ...channelBlock(citizen, 'Dest')];
  core.emit('DialBegin', 'call,all', [...both(), ['DialString', `${spec.exten}@carrier`]]);

  if (behaviour === 'busy' || behaviour === 'unavailable') {
    const [status, cause, text] = behaviour === 'busy' ? ['BUSY', 17, 'User busy'] : ['CHANUNAVAIL', 20, 'Subscriber absent'];
    hangup(core, citizen, cause as number, text as string);
    core.emit('DialEnd', 'call,all', [...channelBlock(agent), ...channelBlock(citizen, 'Dest'), ['DialStatus', status as string]]);
    finish();
    return;
  }
  citizen.state = 'ringing';
  core.emitChannel('Newstate', 'call,all', citizen);
  core.emit('DialState', 'call,all', [...both(), ['DialStatus', 'RINGING']]);

  if (behaviour === 'no_answer') {
    core.clock.setTimer(() => {
      core.emit('DialEnd', 'call,all', [...both(), ['DialStatus', 'NOANSWER']]);
      hangup(core, citizen, 19, 'No answer');
      finish();
    }, DIAL_TIMEOUT_MS);
    return;
  }
  core.clock.setTimer(() => {
    Object.assign(citizen, { state: 'up', answeredAt: core.clock.now() });
    core.emitChannel('Newstate', 'call,all', citizen);
    core.emit('DialEnd', 'call,all', [...both(), ['DialStatus', 'ANSWER']]);
    const bridgeId = core.nextBridgeId();
    core.emit('BridgeCreate', 'call,all', bridgeBlock(bridgeId, 0));
    agent.bridgeId = bridgeId;
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(agent)]);
    citizen.bridgeId = bridgeId;
    core.emit('BridgeEnter', 'call,all', [...bridgeBlock(bridgeId, 2), ...channelBlock(citizen)]);
    core.clock.setTimer(() => {
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 1), ...channelBlock(citizen)]);
      hangup(core, citizen, 16, 'Normal Clearing');
      core.emit('BridgeLeave', 'call,all', [...bridgeBlock(bridgeId, 0), ...channelBlock(agent)]);
      core.emit('BridgeDestroy', 'call,all', bridgeBlock(bridgeId, 0));
      finish();
    }, CITIZEN_TALK_MS);
  }, CITIZEN_ANSWER_MS);
}
