import type { SimTimer } from './clock';

/** Asterisk channel states as AMI prints them (ChannelState / ChannelStateDesc). */
export const CHANNEL_STATE = {
  down: [0, 'Down'],
  ring: [4, 'Ring'],
  ringing: [5, 'Ringing'],
  up: [6, 'Up'],
} as const;
export type ChannelStateName = keyof typeof CHANNEL_STATE;

/** A channel as the simulator tracks it; field names follow Asterisk's channel snapshot. */
export interface SimChannel {
  name: string;
  state: ChannelStateName;
  callerNum: string;
  callerName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  uniqueid: string;
  linkedid: string;
  /** Value of the HOTLINE channel variable (channelvars = HOTLINE); '' until set. */
  hotline: string;
  application: string;
  appData: string;
  createdAt: number;
  answeredAt: number | undefined;
  bridgeId: string;
}

/** QueueMember device status numbers as app_queue reports them. */
export const MEMBER_STATUS = { notInUse: 1, inUse: 2, ringing: 6 } as const;

export interface SimMember {
  /** Short agent id used by the JS API, e.g. '8001'. */
  agent: string;
  interface: string;
  stateInterface: string;
  name: string;
  penalty: number;
  membership: 'static' | 'dynamic';
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  /** Seconds from ring to auto-answer; undefined = never answers by itself. */
  answerAfterS: number | undefined;
  /** Seconds of talk before the agent hangs up by itself; undefined = waits for hangup(). */
  talkS: number | undefined;
  /** The call this member is ringing for or talking on. */
  linkedid: string | undefined;
  wrapUntil: number;
  /** Local channel context of the member, e.g. 'agents' or 'agents-slow'. */
  context: string;
}

export const CALL_PHASE = {
  joining: 'joining',
  waiting: 'waiting',
  ringing: 'ringing',
  talking: 'talking',
  transferred: 'transferred',
  /** Left the queue without an agent (timeout, joinempty) or after hours: the overflow dialplan runs. */
  overflow: 'overflow',
  done: 'done',
} as const;
export type CallPhase = (typeof CALL_PHASE)[keyof typeof CALL_PHASE];

/** One caller's journey: the Local pair standing in for the trunk leg, plus the agent leg while one rings/talks. */
export interface SimCall {
  linkedid: string;
  hotline: string;
  /** After hours: the line's closed policy (astdb.ts); the message-only one skips the menu. */
  whenClosed?: 'callback_or_message' | 'message' | 'forward';
  phase: CallPhase;
  priority: number;
  /** The originating `;1` leg (runs Wait(patience)). */
  outer: SimChannel;
  /** The `;2` leg that sits in Queue(). */
  inner: SimChannel;
  originateActionId: string | undefined;
  joinedAt: number;
  originalPosition: number;
  member: SimMember | undefined;
  agentOuter: SimChannel | undefined;
  agentInner: SimChannel | undefined;
  ringStartedAt: number;
  connectedAt: number;
  dialAttempts: number;
  retryUntil: number;
  bridgeId: string;
  /** Talk seconds decided for this call (traffic generator / placeCall); undefined = member's talkS. */
  talkS: number | undefined;
  /** Absolute time the caller hangs up whatever happens (Originate's Wait(N)); undefined = never. */
  callerGivesUpAt: number | undefined;
  /** Whether the caller hangs up at callerGivesUpAt also while talking (true for Originate Wait(N)). */
  giveUpWhileTalking: boolean;
  /** The member of a talking call Redirected away: its AgentComplete comes at the caller's hang-up. */
  pendingComplete: { member: SimMember; holdS: number } | undefined;
  /** The desk a transferred caller dialled (options.transferDesk), and their bridge once it answered. */
  desk: { outer: SimChannel; inner: SimChannel; bridgeId: string } | undefined;
  timers: { patience?: SimTimer; ring?: SimTimer; answer?: SimTimer; talk?: SimTimer; join?: SimTimer; maxWait?: SimTimer; overflow?: SimTimer; desk?: SimTimer };
}
