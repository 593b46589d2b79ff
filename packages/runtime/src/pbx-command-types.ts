/**
 * The contract between the API and a PBX's bridge: the commands on `pbx-commands-<pbxId>` and
 * the bridge's reports. One definition for both sides (apps/api modules/pbx, apps/bridge).
 * No personal data: calls are named by Linkedid, agents by interface.
 */

/** States an agent (or the end of after-call work) can ask for; the rest are the PBX's to set. */
export type AgentTarget = 'ready' | 'paused' | 'logged_out';

/**
 * An agent's desired state; the bridge reads QueueStatus and sends only what moves the member
 * there (apps/bridge/src/agent-commands.ts).
 */
export interface AgentStateCommand {
  type: 'agent.state';
  interface: string;
  memberName: string;
  state: AgentTarget;
  /** The pause reason code (QueuePause / QueueAdd `Reason`); required for `paused`. */
  reason?: string;
  /**
   * Act only if the member is paused with this reason right now, else report and change nothing.
   * The end of after-call work uses it: an agent who paused for a meal meanwhile stays paused.
   */
  ifPausedReason?: string;
}

/** What the PBX says about the agent's interface after the command. */
export interface AgentReport {
  interface: string;
  isMember: boolean;
  /**
   * As the floor shows it (domain presentAgentState): logged_out, ready, paused, ringing, busy,
   * wrap_up or unavailable; paused during a call shows busy, with `pausedReason` the pause pending.
   */
  state: string;
  paused: boolean;
  pausedReason: string | null;
  isOnCall: boolean;
  /** Unix seconds of the last pause (QueueStatus `LastPause`); null when not paused. */
  pausedSince: number | null;
}

export type AgentCommandResult =
  | { ok: true; agent: AgentReport; actions: string[] }
  /** Refused by Yixian's rule, nothing sent: signing out during a call. */
  | { ok: false; refused: 'in_call'; agent: AgentReport; actions: string[] };

/** Commands on a call, named by its Linkedid. */
export type CallCommand =
  | { type: 'call.hangup'; linkedid: string }
  | { type: 'call.transfer'; linkedid: string; exten: string; context: string }
  | { type: 'call.listen'; linkedid: string; supervisorInterface: string; mode: 'listen' | 'whisper' | 'barge' }
  | { type: 'call.conference'; linkedid: string; exten: string; context: string };

export type PbxCommand =
  | AgentStateCommand
  | CallCommand
  /** Only the simulator can pick up a phone. */
  | { type: 'call.answer'; interface: string }
  | { type: 'call.originate'; interface: string; exten: string; context: string; callerId?: string }
  | CallbackCommand
  | AlertCallCommand
  | ConfigSyncCommand;

/**
 * The PBX's share of the configuration (issue 14): the active hotlines' policies and the work
 * calendar's holidays and make-up days, as AstDB wants them (families `yixian-hotline` and
 * `yixian-calendar`, values from `@yixian/domain` hotline-policy). The whole wanted state every
 * time: the bridge puts what differs and deletes keys no longer wanted, so sending it twice, or
 * from several API/worker copies, changes nothing. No personal data (numbers of hotlines, dates).
 */
export interface ConfigSyncCommand {
  type: 'config.sync';
  /** When this state was read from the database (ISO); a bridge never applies an older read after a newer one. */
  readAt: string;
  /** Digest of `hotlines` and `calendar`: what the console compares with the bridge's last applied one. */
  digest: string;
  /** Number dialled → `<hours>|<when closed>|<priority>`. */
  hotlines: Record<string, string>;
  /** YYYYMMDD → `holiday` | `workday`. */
  calendar: Record<string, string>;
}

/** The bridge's answer to a sync; `stale` when a newer read was applied already (nothing done). */
export interface ConfigSyncReport {
  ok: true;
  digest: string;
  put: number;
  deleted: number;
  unchanged: number;
  stale?: true;
}

/**
 * A call-out from the agents' worklists: ring the agent's phone, then (dialplan
 * `[yixian-callback]`) dial the citizen presenting `hotline` as caller id. The citizen's number
 * is not in the payload: the API leaves it under `calloutTargetKey(attemptId)` for the bridge
 * to take once. The originated channel's Uniqueid is `calloutChannelId(attemptId)`, so the
 * PBX's events name the attempt and its outcome comes back as a {@link CalloutResult}.
 */
export interface CallbackCommand {
  type: 'call.callback';
  attemptId: string;
  interface: string;
  hotline: string;
  /** Seconds the agent's phone may ring before the attempt fails. */
  ringSeconds?: number;
}

/** How a call-out ended, as the PBX said it (DialEnd DialStatus, OriginateResponse Reason, Hangup). */
export type CalloutOutcome = 'answered' | 'no_answer' | 'busy' | 'failed';

/** The bridge's report of a call-out's outcome, handed over on `call-events` (ids only). */
export interface CalloutResult {
  kind: 'callout.result';
  eventId: string;
  pbxId: string;
  /** PBX time of the event that decided it. */
  at: string;
  attemptId: string;
  outcome: CalloutOutcome;
  /** Asterisk's own word (DialStatus, OriginateResponse Reason, Hangup Cause-txt). */
  detail: string | null;
}

/** Uniqueid (AMI Originate `ChannelId`) of a call-out's first channel: the attempt, recognisable in events. */
export const calloutChannelId = (attemptId: string) => `yxcb-${attemptId}`;
/** The attempt a call-out channel's Uniqueid or Linkedid names, or null for any other channel. */
export function attemptOfChannel(uniqueid: string | undefined | null): string | null {
  const match = /^yxcb-([0-9a-f-]{36})(?:;\d)?$/i.exec(uniqueid ?? '');
  return match ? match[1]! : null;
}

/**
 * An alert call (issue 16): the PBX rings a unit's on-duty phone for an incident activation or a
 * red warning, plays the prompt and reads one digit (dialplan `[yixian-alert]`; 1 acknowledges),
 * or, with `room`, puts the answered call into that ConfBridge room (`[yixian-alert-room]`, the
 * linkage conference). The number is not in the payload: the API leaves it under
 * `alertTargetKey(alertCallId)` for the bridge to take once. The originated channel's Uniqueid
 * is `alertChannelId(alertCallId)`; the outcome comes back as an {@link AlertCallResult}.
 */
export interface AlertCallCommand {
  type: 'call.alert';
  alertCallId: string;
  prompt: AlertPrompt;
  /** Seconds the phone may ring before the call counts as not answered. */
  ringSeconds: number;
  /** ConfBridge room to join once answered (letters, digits, `-`), instead of the prompt. */
  room?: string;
}

export type AlertPrompt = 'activation' | 'warning';

/** How an alert call ended: `acknowledged` = answered and pressed 1; `answered` = answered, no 1 (or joined the room). */
export type AlertOutcome = 'acknowledged' | 'answered' | 'no_answer' | 'busy' | 'failed';

/** The bridge's report of an alert call's outcome, handed over on `call-events` (ids only). */
export interface AlertCallResult {
  kind: 'alert.result';
  eventId: string;
  pbxId: string;
  /** PBX time of the event that decided it. */
  at: string;
  alertCallId: string;
  outcome: AlertOutcome;
  /** Asterisk's own word (DialStatus, OriginateResponse Reason, Hangup Cause-txt) or the dialplan's. */
  detail: string | null;
  /** Digits the person pressed (`1` when acknowledged), empty when none. */
  digits: string;
}

/** Rooms an alert call may join: what the dialplan's `[yixian-alert-room]` pattern accepts. */
export const ALERT_ROOM_PATTERN = /^[0-9A-Za-z][0-9A-Za-z-]{0,62}$/;
/** Uniqueid (AMI Originate `ChannelId`) of an alert call's first channel. */
export const alertChannelId = (alertCallId: string) => `yxal-${alertCallId}`;
/** The alert call a channel's Uniqueid or Linkedid names, or null for any other channel. */
export function alertCallOfChannel(uniqueid: string | undefined | null): string | null {
  const match = /^yxal-([0-9a-f-]{36})(?:;\d)?$/i.exec(uniqueid ?? '');
  return match ? match[1]! : null;
}
