import { channelBlock, formatDuration } from './channel-fields';
import { channelTableOrder } from './channel-order';
import { hasValue, type ActionHandler } from './action-context';
import { isMemberAvailable, listMemberFields } from './member-events';
import type { SimChannel } from './sim-model';
import type { AmiFields } from './wire-format';

const seconds = (ms: number) => Math.floor(ms / 1000);
const roundAvg = (v: number) => String(Math.round(v));

/** QueueStatus: QueueParams, QueueMember (Name/Location), QueueEntry (Uniqueid, no Linkedid), Complete. */
export const onQueueStatus: ActionHandler = (ctx) => {
  const { core } = ctx.engine;
  const queue = ctx.action.get('Queue');
  const memberFilter = ctx.action.get('Member');
  const items: AmiFields[] = [];
  if (!hasValue(queue) || queue === core.options.queue) {
    const now = core.clock.now();
    items.push([
      ['Event', 'QueueParams'], ['Queue', core.options.queue], ['Max', '0'], ['Strategy', 'rrmemory'],
      ['Calls', String(core.waiting.length)], ['Holdtime', roundAvg(core.stats.holdTime)],
      ['TalkTime', roundAvg(core.stats.talkTime)], ['Completed', String(core.stats.completed)],
      ['Abandoned', String(core.stats.abandoned)], ['ServiceLevel', '0'], ['ServicelevelPerf', '0.0'],
      ['ServicelevelPerf2', '0.0'], ['Weight', '0'], ['ActionID', ctx.actionId],
    ]);
    for (const m of core.members) {
      if (hasValue(memberFilter) && m.interface !== memberFilter && m.name !== memberFilter) continue;
      items.push([['Event', 'QueueMember'], ...listMemberFields(core, m, ctx.actionId)]);
    }
    core.waiting.forEach((call, i) => {
      items.push([
        ['Event', 'QueueEntry'], ['Queue', core.options.queue], ['Position', String(i + 1)],
        ['Channel', call.inner.name], ['Uniqueid', call.inner.uniqueid],
        ['CallerIDNum', call.inner.callerNum], ['CallerIDName', call.inner.callerName],
        ['ConnectedLineNum', call.inner.connectedNum], ['ConnectedLineName', call.inner.connectedName],
        ['Wait', String(seconds(now - call.joinedAt))], ['Priority', String(call.priority)], ['ActionID', ctx.actionId],
      ]);
    });
  }
  ctx.list('Queue status will follow', 'QueueStatusComplete', items);
};

/** QueueSummary: one item per queue with LoggedIn/Available/Callers and the hold/talk averages. */
export const onQueueSummary: ActionHandler = (ctx) => {
  const { core } = ctx.engine;
  const queue = ctx.action.get('Queue');
  const items: AmiFields[] = [];
  if (!hasValue(queue) || queue === core.options.queue) {
    const now = core.clock.now();
    const longest = core.waiting.reduce((max, c) => Math.max(max, now - c.joinedAt), 0);
    items.push([
      ['Event', 'QueueSummary'], ['Queue', core.options.queue], ['LoggedIn', String(core.members.length)],
      ['Available', String(core.members.filter((m) => isMemberAvailable(core, m)).length)],
      ['Callers', String(core.waiting.length)], ['HoldTime', roundAvg(core.stats.holdTime)],
      ['TalkTime', roundAvg(core.stats.talkTime)], ['LongestHoldTime', String(seconds(longest))], ['ActionID', ctx.actionId],
    ]);
  }
  ctx.list('Queue summary will follow', 'QueueSummaryComplete', items);
};

/** Every channel, in the order a real Asterisk lists them (its channel table's hash order). */
function activeChannels(ctx: Parameters<ActionHandler>[0]): SimChannel[] {
  return channelTableOrder([...ctx.engine.core.channels.values()]);
}

/** CoreShowChannels: note the ActionID is the item's second line, unlike other lists. */
export const onCoreShowChannels: ActionHandler = (ctx) => {
  const now = ctx.engine.core.clock.now();
  const items = activeChannels(ctx).map((ch): AmiFields => [
    ['Event', 'CoreShowChannel'], ['ActionID', ctx.actionId], ...channelBlock(ch),
    ['Application', ch.application], ['ApplicationData', ch.appData],
    ['Duration', formatDuration(seconds(now - ch.createdAt))], ['BridgeId', ch.bridgeId],
  ]);
  ctx.list('Channels will follow', 'CoreShowChannelsComplete', items);
};

/** Status: every channel (or the one named), with the long Status item; StatusComplete also has Items. */
export const onStatus: ActionHandler = (ctx) => {
  const now = ctx.engine.core.clock.now();
  const wanted = ctx.action.get('Channel');
  const all = activeChannels(ctx);
  const chosen = hasValue(wanted) ? all.filter((ch) => ch.name === wanted) : all;
  if (hasValue(wanted) && chosen.length === 0) return ctx.error('No such channel');
  const items = chosen.map((ch): AmiFields => [
    ['Event', 'Status'], ['Privilege', 'Call'], ...channelBlock(ch), ['Type', ch.name.split('/')[0] ?? ''],
    ['DNID', ''], ['EffectiveConnectedLineNum', ch.connectedNum], ['EffectiveConnectedLineName', ch.connectedName],
    ['TimeToHangup', '0'], ['BridgeID', ch.bridgeId], ['Application', ch.application], ['Data', ch.appData],
    ['Nativeformats', '(slin)'], ['Readformat', 'slin'], ['Readtrans', ''], ['Writeformat', 'slin'], ['Writetrans', ''],
    ['Callgroup', '0'], ['Pickupgroup', '0'], ['Seconds', String(seconds(now - ch.createdAt))], ['ActionID', ctx.actionId],
  ]);
  ctx.list('Channel status will follow', 'StatusComplete', items, [['Items', String(items.length)]]);
};
