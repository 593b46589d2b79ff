import { hasValue, isAmiTrue, type ActionHandler } from './action-context';
import { agentEndsTalk, blindTransferCall, redirectCall } from './call-connect';
import { callerHangup } from './call-ending';
import { ringNoAnswer } from './call-ringing';
import { CALLOUT_CONTEXT, originateCallout } from './call-out';
import { ALERT_CHANNEL, ALERT_CONTEXT, ALERT_ROOM_CONTEXT, originateAlert } from './alert-call';
import { CALL_PHASE } from './sim-model';
import { routeHotline } from './astdb';

/** Splits `"Name" <number>`, `Name <number>` or a bare number into its parts. */
export function parseCallerId(value: string | undefined): { num: string; name: string } {
  if (!hasValue(value)) return { num: '<unknown>', name: '<unknown>' };
  const match = /^\s*(?:"([^"]*)"|([^<]*?))\s*<([^>]*)>\s*$/.exec(value);
  if (!match) return { num: value.trim(), name: '<unknown>' };
  const name = (match[1] ?? match[2] ?? '').trim();
  return { num: match[3] || '<unknown>', name: name || '<unknown>' };
}

/** A caller on a hotline: `Local/<did>@hotline-in` (the recordings' dialplan) or `@hotline-inbound` (the shipped one). */
const HOTLINE_CHANNEL = /^Local\/([^@/]+)@(hotline-in(?:bound)?)$/;

/**
 * Originate (always answered as if Async): `Local/<did>@hotline-in` with Wait(N) places a caller
 * whose patience is N s (the recordings' method); any other channel runs its Application
 * (ChanSpy for listen-in). OriginateResponse follows as an event carrying the ActionID.
 */
export const onOriginate: ActionHandler = (ctx) => {
  const { action, engine } = ctx;
  const channel = action.get('Channel');
  if (!hasValue(channel)) return ctx.error('Channel not specified');
  if (!/^[A-Za-z]+\/.+/.test(channel)) return ctx.error('Invalid channel');
  const priority = action.get('Priority');
  if (hasValue(priority) && !/^\d+$/.test(priority.trim())) return ctx.error('Invalid priority');
  const timeout = action.get('Timeout');
  if (hasValue(timeout) && !/^\d+$/.test(timeout.trim())) return ctx.error('Invalid timeout');
  const application = action.get('Application') ?? '';
  const data = action.get('Data') ?? '';
  const { num, name } = parseCallerId(action.get('CallerID'));
  ctx.success('Originate successfully queued');
  const [, hotline, context] = HOTLINE_CHANNEL.exec(channel) ?? [];
  if (hotline !== undefined) {
    if (!routeHotline(engine.core, hotline).known) {
      engine.core.emit('OriginateResponse', 'call,all', [
        ['ActionID', ctx.actionId], ['Response', 'Failure'], ['Channel', channel], ['Application', application],
        ['Data', data], ['Reason', '0'], ['Uniqueid', '<null>'], ['CallerIDNum', num], ['CallerIDName', name],
      ]);
      return;
    }
    const waitS = application.toLowerCase() === 'wait' && /^\d+(\.\d+)?$/.test(data.trim()) ? Number(data) : undefined;
    engine.placeCall({
      hotline, context, callerNumber: num, callerName: name, originateActionId: ctx.actionId, application, appData: data,
      patienceS: waitS, giveUpWhileTalking: true,
    });
    return;
  }
  if (action.get('Context') === CALLOUT_CONTEXT && hasValue(action.get('Exten'))) {
    const cli = action.variables.join(',').split(',').map((v) => /^YIXIAN_CALLBACK_CLI=(.*)$/.exec(v.trim())?.[1]).find((v) => v !== undefined);
    originateCallout(engine.core, {
      channel, exten: action.get('Exten')!, callerNum: num, callerName: name, actionId: ctx.actionId,
      channelId: action.get('ChannelId'), presentedNum: cli ?? num,
    });
    return;
  }
  const alertee = ALERT_CHANNEL.exec(channel);
  const alertContext = action.get('Context');
  if (alertee && (alertContext === ALERT_CONTEXT || alertContext === ALERT_ROOM_CONTEXT) && hasValue(action.get('Exten'))) {
    const variables = new Map(action.variables.join(',').split(',').map((v) => v.trim().split('=') as [string, string]));
    const ring = Number(variables.get('YIXIAN_ALERT_RING'));
    originateAlert(engine.core, {
      number: alertee[1]!, context: alertContext, exten: action.get('Exten')!, actionId: ctx.actionId, channelId: action.get('ChannelId'),
      otherChannelId: action.get('OtherChannelId'), prompt: variables.get('YIXIAN_ALERT_PROMPT') ?? '', ringSeconds: Number.isFinite(ring) && ring > 0 ? ring : 30,
    });
    return;
  }
  ctx.listen.originate({ channel, application, data, callerNum: num, callerName: name, actionId: ctx.actionId });
};

/** Hangup: a caller leg abandons / ends the talk; an agent leg ends the talk or rejects the ring. */
export const onHangup: ActionHandler = (ctx) => {
  const channel = ctx.action.get('Channel');
  if (!hasValue(channel)) return ctx.error('No channel specified');
  const cause = ctx.action.get('Cause');
  if (hasValue(cause) && !/^\d+$/.test(cause.trim())) return ctx.error('Invalid cause');
  const { core } = ctx.engine;
  const call = ctx.engine.findCallByChannel(channel);
  if (!call) {
    if (!ctx.listen.has(channel)) return ctx.error('No such channel');
    ctx.success('Channel Hungup');
    ctx.listen.hangup(channel);
    return;
  }
  ctx.success('Channel Hungup');
  const isAgentLeg = channel === call.agentOuter?.name || channel === call.agentInner?.name;
  if (isAgentLeg && call.phase === CALL_PHASE.talking) agentEndsTalk(core, call);
  else if (isAgentLeg && call.phase === CALL_PHASE.ringing) ringNoAnswer(core, call);
  else callerHangup(core, call);
};

function transferTarget(ctx: Parameters<ActionHandler>[0], needPriority: boolean) {
  const channel = ctx.action.get('Channel');
  const context = ctx.action.get('Context');
  const exten = ctx.action.get('Exten');
  if (!hasValue(channel)) return ctx.error(needPriority ? 'Channel not specified' : 'No channel specified');
  if (!hasValue(exten)) return ctx.error(needPriority ? 'Exten not specified' : 'No extension specified');
  const priority = ctx.action.get('Priority');
  if (needPriority && !hasValue(priority)) return ctx.error('Priority not specified');
  if (needPriority && !/^\d+$/.test((priority ?? '').trim())) return ctx.error('Invalid priority');
  const call = ctx.engine.findCallByChannel(channel);
  return { channel, context: hasValue(context) ? context : 'default', exten, call };
}

/** Redirect: moves a caller out of the queue or out of its bridge (AgentComplete then comes without ids). */
export const onRedirect: ActionHandler = (ctx) => {
  const target = transferTarget(ctx, true);
  if (!target) return;
  if (!target.call) return ctx.error(`Channel does not exist: ${target.channel}`);
  ctx.success('Redirect successful');
  redirectCall(ctx.engine.core, target.call, target.context, target.exten);
};

/** BlindTransfer of a talking call's leg: BlindTransfer event, AgentComplete Reason transfer. */
export const onBlindTransfer: ActionHandler = (ctx) => {
  const target = transferTarget(ctx, false);
  if (!target) return;
  if (!target.call) return ctx.error('Channel specified does not exist');
  if (target.call.phase !== CALL_PHASE.talking) return ctx.error('Transfer failed');
  ctx.success('Transfer succeeded');
  blindTransferCall(ctx.engine.core, target.call, target.context, target.exten);
};

/**
 * YixianSimAnswer (simulator only): the agent's virtual phone picks up, as a person would on a
 * real phone. Lets the console's demo mode answer; a real Asterisk rejects the action.
 */
export const onSimAnswer: ActionHandler = (ctx) => {
  const iface = ctx.action.get('Interface');
  if (!hasValue(iface)) return ctx.error("'Interface' not specified.");
  try {
    ctx.engine.answer(iface);
  } catch (error) {
    return ctx.error((error as Error).message);
  }
  ctx.success('Answered');
};

/**
 * YixianSimHours (simulator only): closes (`Closed: true`) or reopens a hotline as if its office
 * hours had ended, so the demo and browser tests can leave an after-hours callback request: its
 * callers hear the shipped [yixian-overflow] menu and, pressing nothing, ask for a call-back.
 */
export const onSimHours: ActionHandler = (ctx) => {
  const hotline = ctx.action.get('Hotline');
  if (!hasValue(hotline)) return ctx.error("'Hotline' not specified.");
  if (!ctx.engine.core.options.hotlines.includes(hotline)) return ctx.error('No such hotline');
  if (isAmiTrue(ctx.action.get('Closed'))) ctx.engine.core.closedNow.add(hotline);
  else ctx.engine.core.closedNow.delete(hotline);
  ctx.success(ctx.engine.core.closedNow.has(hotline) ? 'Closed' : 'Open');
};
