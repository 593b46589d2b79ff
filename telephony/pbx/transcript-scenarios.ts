/**
 * The scenarios record-transcripts.ts plays on a real PBX. Each drives callers and agents as the
 * test user and does on the bridge's own connection (user `yixian`) what the bridge would do
 * there (QueueAdd/Pause/Remove, QueueStatus, CoreShowChannels, Hangup, Redirect), so the
 * transcript of that connection is what the bridge reads and sends. Waits are on events.
 */
import { fieldOf, isEvent, type AmiMessage, type RawAmiConnection } from './raw-ami.js';

export const QUEUE = 'hotline';
export const agentInterface = (ext: string): string => `Local/${ext}@yixian-test-agents/n`;

export interface PlacedCaller {
  /** The `;1` leg's Uniqueid: the Linkedid of every channel of the call. */
  linkedid: string;
  channel: string;
}

export interface ScenarioContext {
  /** The bridge's connection (user `yixian`, shipped filters); replaced by `reconnect()`. */
  bridge: RawAmiConnection;
  /** The test user's connection (all events): callers, AstDB, CLI. */
  driver: RawAmiConnection;
  /** Scripts an agent phone: rings `ring` s (or never), then talks `talk` s and hangs up. */
  setAgent(ext: string, ring: number | 'never', talkS?: number): Promise<void>;
  /** QueueAdd over the bridge connection, as the bridge logs an agent in; waits for QueueMemberAdded. */
  addMember(ext: string, name: string, pausedReason?: string): Promise<void>;
  /** Originates a caller (`Local/<did>@hotline-inbound`, Wait(patience)); resolves once it is answered. */
  placeCaller(did: string, callerId: string, patienceS: number): Promise<PlacedCaller>;
  /** Waits for a bridge-side event (of this call when linkedid is given) after `from`. */
  bridgeEvent(name: string, linkedid?: string, timeoutMs?: number): Promise<AmiMessage>;
  /** Resolves once every channel of the call has hung up (as the test user sees it). */
  callGone(linkedid: string, timeoutMs?: number): Promise<void>;
  /** A CLI command through the test user's AMI `Command` action. */
  command(cli: string): Promise<void>;
  /** The caller's channel as the bridge finds it: CoreShowChannels, the channel running Queue. */
  callerChannel(linkedid: string): Promise<string>;
  /** Restarts the PBX (stop, start) and opens new connections; the new bridge one is recorded as `<file>`. */
  restartPbx(file: string): Promise<void>;
}

export interface Scenario {
  name: string;
  what: string;
  run(ctx: ScenarioContext): Promise<void>;
}

const CALLER = '"张三" <13800001111>';
const localDate = (d = new Date()) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;

export const SCENARIOS: Scenario[] = [
  {
    name: 'answered',
    what: '12345: 王芳 (8001) rings 2 s, answers, talks 3 s and hangs up (AgentComplete Reason agent)',
    async run(ctx) {
      await ctx.setAgent('8001', 2, 3);
      await ctx.addMember('8001', '王芳');
      const call = await ctx.placeCaller('12345', CALLER, 60);
      await ctx.bridgeEvent('AgentComplete', call.linkedid);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'abandoned_ringing',
    what: '12345: the caller hangs up after 5 s while 王芳 rings (QueueCallerAbandon)',
    async run(ctx) {
      await ctx.setAgent('8001', 30);
      await ctx.addMember('8001', '王芳');
      const call = await ctx.placeCaller('12345', CALLER, 5);
      await ctx.bridgeEvent('AgentCalled', call.linkedid);
      await ctx.bridgeEvent('QueueCallerAbandon', call.linkedid);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'queue_timeout',
    what: '12345 with QUEUE_MAX_WAIT 8 and the only member paused: the caller leaves the queue after 8 s, then the overflow UserEvents (Reason timeout, callback request)',
    async run(ctx) {
      await ctx.command('dialplan set global QUEUE_MAX_WAIT 8');
      await ctx.addMember('8001', '王芳', 'meal');
      const call = await ctx.placeCaller('12345', CALLER, 40);
      await ctx.bridgeEvent('QueueCallerJoin', call.linkedid);
      await ctx.bridgeEvent('YixianCallbackRequest', call.linkedid);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'ring_noanswer_autopause',
    what: '12345: 王芳 (8001) never answers; after 15 s AgentRingNoAnswer and the auto-pause; the caller gives up at 24 s; QueueStatus shows the pause',
    async run(ctx) {
      await ctx.setAgent('8001', 'never');
      await ctx.addMember('8001', '王芳');
      const call = await ctx.placeCaller('12345', CALLER, 24);
      await ctx.bridgeEvent('AgentRingNoAnswer', call.linkedid);
      await ctx.bridgeEvent('QueueMemberPause');
      await ctx.callGone(call.linkedid, 40_000);
      await ctx.bridge.waitQuiet();
      await ctx.bridge.action('QueueStatus', [['Queue', QUEUE], ['Member', agentInterface('8001')]]);
    },
  },
  {
    name: 'member_actions',
    what: 'an agent logs in, pauses with a reason, unpauses, logs out, as the bridge sends it; QueueAdd of a member (Already there), QueueRemove and QueuePause of a non-member, QueueAdd to an unknown queue, a login paused in one action, QueueStatus/QueueSummary',
    async run(ctx) {
      const b = ctx.bridge;
      const wang = agentInterface('8001');
      await b.action('QueueStatus', [['Queue', QUEUE], ['Member', wang]]);
      await b.action('QueueAdd', [['Queue', QUEUE], ['Interface', wang], ['MemberName', '王芳'], ['Paused', 'false']]);
      await b.action('QueueAdd', [['Queue', QUEUE], ['Interface', wang], ['MemberName', '王芳'], ['Paused', 'false']]);
      await b.action('QueueStatus', [['Queue', QUEUE], ['Member', wang]]);
      await b.action('QueuePause', [['Queue', QUEUE], ['Interface', wang], ['Paused', 'true'], ['Reason', 'meal']]);
      await b.action('QueueStatus', [['Queue', QUEUE], ['Member', wang]]);
      await b.action('QueuePause', [['Queue', QUEUE], ['Interface', wang], ['Paused', 'false'], ['Reason', '']]);
      await b.action('QueueRemove', [['Queue', QUEUE], ['Interface', wang]]);
      await b.action('QueueRemove', [['Queue', QUEUE], ['Interface', wang]]);
      await b.action('QueuePause', [['Queue', QUEUE], ['Interface', wang], ['Paused', 'true'], ['Reason', 'meal']]);
      await b.action('QueueAdd', [['Queue', 'no-such-queue'], ['Interface', wang], ['MemberName', '王芳'], ['Paused', 'false']]);
      await b.action('QueueAdd', [['Queue', QUEUE], ['Interface', agentInterface('8002')], ['MemberName', '李娜'], ['Paused', 'true'], ['Reason', 'training']]);
      await b.action('QueueStatus', [['Queue', QUEUE]]);
      await b.action('QueueSummary', [['Queue', QUEUE]]);
      await b.waitQuiet();
    },
  },
  {
    name: 'status_lists',
    what: '12345: 张三 talks with 王芳 while 李四 waits; QueueStatus, QueueSummary, CoreShowChannels, Status (agent legs listed before the caller); the bridge hangs up the waiting caller, then the talking one',
    async run(ctx) {
      await ctx.setAgent('8001', 1);
      await ctx.addMember('8001', '王芳');
      const talking = await ctx.placeCaller('12345', CALLER, 120);
      await ctx.bridgeEvent('AgentConnect', talking.linkedid);
      const waiting = await ctx.placeCaller('12345', '"李四" <13900002222>', 120);
      await ctx.bridgeEvent('QueueCallerJoin', waiting.linkedid);
      await ctx.bridge.waitQuiet(1500);
      const b = ctx.bridge;
      await b.action('QueueStatus', [['Queue', QUEUE]]);
      await b.action('QueueSummary', [['Queue', QUEUE]]);
      await b.action('Status');
      const waitingChannel = await ctx.callerChannel(waiting.linkedid);
      await b.action('Hangup', [['Channel', waitingChannel]]);
      await ctx.callGone(waiting.linkedid);
      const talkingChannel = await ctx.callerChannel(talking.linkedid);
      await b.action('Hangup', [['Channel', talkingChannel]]);
      await ctx.callGone(talking.linkedid);
    },
  },
  {
    name: 'redirect_to_desk',
    what: '12345: 王芳 answers; the bridge Redirects the caller to yixian-transfer,7001 (a desk that answers after 1 s); no BlindTransfer event; AgentComplete comes when the caller hangs up at 16 s',
    async run(ctx) {
      await ctx.setAgent('8001', 1);
      await ctx.addMember('8001', '王芳');
      const call = await ctx.placeCaller('12345', CALLER, 16);
      await ctx.bridgeEvent('AgentConnect', call.linkedid);
      await ctx.bridge.waitQuiet(1000);
      const caller = await ctx.callerChannel(call.linkedid);
      await ctx.bridge.action('Redirect', [['Channel', caller], ['Exten', '7001'], ['Context', 'yixian-transfer'], ['Priority', '1']]);
      await ctx.bridgeEvent('AgentComplete', undefined, 30_000);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'after_hours',
    what: `12315 (office hours) on a day set as holiday in AstDB: no queue; UserEvent YixianOverflow (Reason after_hours), 5 s for a key, then YixianCallbackRequest`,
    async run(ctx) {
      const day = localDate();
      await ctx.driver.action('DBPut', [['Family', 'yixian-calendar'], ['Key', day], ['Val', 'holiday']]);
      const call = await ctx.placeCaller('12315', '"王五" <13700003333>', 30);
      await ctx.bridgeEvent('YixianCallbackRequest', call.linkedid);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'overflow_no_agents',
    what: '12345 with no member logged in: Queue() returns JOINEMPTY at once, UserEvent YixianOverflow (Reason joinempty), then YixianCallbackRequest',
    async run(ctx) {
      const call = await ctx.placeCaller('12345', CALLER, 30);
      await ctx.bridgeEvent('YixianCallbackRequest', call.linkedid);
      await ctx.callGone(call.linkedid);
    },
  },
  {
    name: 'pbx_restart',
    what: '张三 talks with 王芳 (8001), 李四 rings 李娜 (8002, never answers), 王五 waits; the PBX is stopped and started (core stop now, as a service restart): every call ends, Shutdown, the socket closes. pbx_restart_reconnect: the bridge logs in again (FullyBooted), CoreShowChannels and QueueStatus as its resync does',
    async run(ctx) {
      await ctx.setAgent('8001', 1);
      await ctx.setAgent('8002', 'never');
      await ctx.addMember('8001', '王芳');
      const talking = await ctx.placeCaller('12345', CALLER, 300);
      await ctx.bridgeEvent('AgentConnect', talking.linkedid);
      await ctx.addMember('8002', '李娜');
      const ringing = await ctx.placeCaller('12345', '"李四" <13900002222>', 300);
      await ctx.bridgeEvent('AgentCalled', ringing.linkedid);
      const waiting = await ctx.placeCaller('12345', '"王五" <13700003333>', 300);
      await ctx.bridgeEvent('QueueCallerJoin', waiting.linkedid);
      await ctx.bridge.waitQuiet(1500);
      await ctx.restartPbx('pbx_restart_reconnect');
      await ctx.bridge.waitFor((m) => isEvent(m, 'FullyBooted'), 'FullyBooted after the restart');
      await ctx.bridge.action('CoreShowChannels');
      await ctx.bridge.action('QueueStatus', [['Queue', QUEUE]]);
    },
  },
  {
    name: 'alert_calls',
    what: 'alert calls (issue 16) as the bridge Originates them into [yixian-alert]: 13900000011 answers and presses 1 (UserEvent YixianAlert acknowledged), 13900000014 is busy (DialEnd BUSY on the ;2 half), 13900000013 never answers within the 5 s ring time (DialEnd NOANSWER)',
    async run(ctx) {
      for (const [number, id, ring] of [['13900000011', ALERT_IDS[0], 10], ['13900000014', ALERT_IDS[1], 10], ['13900000013', ALERT_IDS[2], 5]] as const) {
        const channelId = `yxal-${id}`;
        await ctx.bridge.action('Originate', [
          ['Channel', `Local/${number}@yixian-alert-carrier/n`], ['Context', 'yixian-alert'], ['Exten', 's'], ['Priority', '1'],
          ['Timeout', String((ring + 15) * 1000)], ['Async', 'true'], ['Variable', `YIXIAN_ALERT_PROMPT=activation,YIXIAN_ALERT_RING=${ring}`],
          ['ChannelId', channelId], ['OtherChannelId', `${channelId};2`],
        ]);
        await ctx.callGone(channelId, 40_000);
      }
    },
  },
];

/** The alert calls' ids in the `alert_calls` scenario (fixed, so the transcript can be replayed). */
export const ALERT_IDS = ['00000000-0000-4000-8000-000000000011', '00000000-0000-4000-8000-000000000014', '00000000-0000-4000-8000-000000000013'] as const;

/** Whether a message belongs to the call (any channelvars/Linkedid spelling). */
export function isOfCall(m: AmiMessage, linkedid: string): boolean {
  return fieldOf(m, 'Linkedid') === linkedid || fieldOf(m, 'DestLinkedid') === linkedid;
}
