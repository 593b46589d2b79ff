/**
 * Test support: the transcripts of the project's own PBX (test/recordings/asterisk-22, what the
 * bridge's user `yixian` receives through the shipped manager.conf) and what "the simulator
 * matches them" means. The queue, member and user events and the list replies are compared in
 * order; the other events by count (see recording-compare.ts); field names both ways.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventName, field, keysOf, parseTranscript, type Message } from './recording-fixtures';

/** Always the package's own copy (AMI_RECORDINGS_DIR may point at /work/shared/ami, which has no asterisk-22). */
export const TEST_PBX_DIR = fileURLToPath(new URL('../../test/recordings/asterisk-22', import.meta.url));

const splitActions = (text: string) => text.split('\r\n\r\n').filter((b) => b.trim() !== '').map((b) => `${b}\r\n\r\n`);

/** A transcript: what the bridge received and sent, and the test user's Originate actions (the callers). */
export function readTestPbxTranscript(name: string): { received: Message[]; sent: string[]; originates: string[] } {
  const received = withoutSystemName(parseTranscript(readFileSync(`${TEST_PBX_DIR}/${name}.txt`, 'utf8')));
  const sent = splitActions(readFileSync(`${TEST_PBX_DIR}/${name}.sent.txt`, 'utf8'));
  let driver = '';
  try {
    driver = readFileSync(`${TEST_PBX_DIR}/${name}.driver.sent.txt`, 'utf8');
  } catch {
    driver = '';
  }
  return { received, sent, originates: splitActions(driver).filter((a) => a.startsWith('Action: Originate\r\n')) };
}

/** `SystemName:` comes from the test PBX's asterisk.conf (`systemname`), not from the shipped configuration. */
export function withoutSystemName(messages: Message[]): Message[] {
  return messages.map((m) => m.filter(([k]) => k !== 'SystemName'));
}

/** telephony/asterisk/manager.conf, user `yixian`: read classes and the exclusion filters, as recorded. */
export const BRIDGE_READ_CLASSES = new Set(['call', 'agent', 'system', 'user']);
export const BRIDGE_EXCLUDED_EVENTS = new Set([
  'VarSet', 'Newexten', 'RTCPSent', 'RTCPReceived', 'DeviceStateChange', 'ExtensionStatus', 'PresenceStateChange',
  'Newstate', 'NewCallerid', 'NewConnectedLine', 'NewAccountCode', 'DialState', 'LocalBridge', 'LocalOptimizationBegin',
  'LocalOptimizationEnd', 'HangupRequest', 'SoftHangupRequest', 'DTMFBegin', 'DTMFEnd', 'MusicOnHoldStart', 'MusicOnHoldStop',
]);

/** What the shipped user `yixian` would receive of a session's messages (responses and list items always pass). */
export function bridgeView(messages: Message[]): Message[] {
  return messages.filter((m) => {
    if ((field(m, 'ActionID') ?? '').startsWith('flush-')) return false;
    const name = field(m, 'Event');
    const privilege = field(m, 'Privilege');
    // Responses and list items (Status items carry `Privilege: Call`) are answers, never filtered.
    if (name === undefined || privilege === undefined || field(m, 'ActionID') !== undefined) return true;
    if (BRIDGE_EXCLUDED_EVENTS.has(name)) return false;
    return privilege.split(',').some((c) => BRIDGE_READ_CLASSES.has(c));
  });
}

const CALL_EVENTS = new Set([
  'OriginateResponse', 'QueueCallerJoin', 'AgentCalled', 'AgentRingNoAnswer', 'QueueCallerAbandon', 'QueueCallerLeave',
  'AgentConnect', 'AgentComplete', 'BlindTransfer', 'UserEvent',
]);

/**
 * Per call, in the order calls first appear, its app_queue/dialplan events (AgentComplete with its
 * Reason, UserEvent with its name). An AgentComplete without ids belongs to the call its member
 * last connected, as the normaliser correlates it.
 */
export function callSequences(messages: Message[]): string[][] {
  const calls = new Map<string, string[]>();
  const connectedBy = new Map<string, string>();
  for (const m of messages) {
    const name = field(m, 'Event');
    if (!name || !CALL_EVENTS.has(name)) continue;
    const linkedid = name === 'OriginateResponse' ? field(m, 'Uniqueid') : field(m, 'Linkedid') ?? field(m, 'DestLinkedid') ?? connectedBy.get(field(m, 'Interface') ?? '');
    if (!linkedid) continue;
    if (name === 'AgentConnect') connectedBy.set(field(m, 'Interface') ?? '', linkedid);
    const token = name === 'AgentComplete' ? `AgentComplete:${field(m, 'Reason')}` : name === 'UserEvent' ? `UserEvent:${field(m, 'UserEvent')}` : name;
    calls.set(linkedid, [...(calls.get(linkedid) ?? []), token]);
  }
  return [...calls.values()];
}

const MEMBER_EVENTS = new Set(['QueueMemberAdded', 'QueueMemberRemoved', 'QueueMemberPause', 'QueueMemberPenalty', 'QueueMemberStatus']);

/**
 * Per member (interface), its member events in order with the state they carry. Two members'
 * events are not ordered against each other: in a restart one member's QueueMemberStatus and
 * another's auto-pause came in either order from one recording to the next.
 */
export function memberEvents(messages: Message[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of messages.filter((x) => MEMBER_EVENTS.has(field(x, 'Event') ?? ''))) {
    (out[field(m, 'Interface') ?? ''] ??= []).push([
      field(m, 'Event'), `Status=${field(m, 'Status')}`, `InCall=${field(m, 'InCall')}`,
      `Paused=${field(m, 'Paused')}`, `Reason=${field(m, 'PausedReason')}`, `CallsTaken=${field(m, 'CallsTaken')}`,
    ].join(' '));
  }
  return out;
}

/** The UserEvents in order: name, what they say, and their field names. */
export function userEvents(messages: Message[]): string[] {
  return messages.filter((m) => field(m, 'Event') === 'UserEvent').map((m) => `${field(m, 'UserEvent')} Hotline=${field(m, 'Hotline')} Reason=${field(m, 'Reason')} [${keysOf(m)}]`);
}

const ITEM_DETAIL: Record<string, string[]> = {
  QueueParams: ['Calls'],
  QueueMember: ['Location', 'Status', 'Paused', 'PausedReason', 'InCall'],
  QueueEntry: ['Channel', 'Position'],
  QueueSummary: ['LoggedIn', 'Available', 'Callers'],
  CoreShowChannel: ['Channel', 'Application'],
  Status: ['Channel', 'Application'],
};

/** Every list reply: its items (with the fields that say what is listed, channels in order) and its end. */
export function listReplies(messages: Message[]): string[] {
  const out: string[] = [];
  for (const response of messages.filter((m) => field(m, 'EventList') === 'start' && field(m, 'Event') === undefined)) {
    const id = field(response, 'ActionID');
    const items = messages.filter((m) => field(m, 'ActionID') === id && field(m, 'Event') !== undefined);
    out.push(`${id} ${field(response, 'Message')}: ${items.map((m) => {
      const name = eventName(m);
      const detail = (ITEM_DETAIL[name] ?? ['ListItems']).map((k) => `${k}=${field(m, k)}`).join(',');
      return `${name}(${detail})`;
    }).join(' ')}`);
  }
  return out;
}

const CHANNEL_KEY = /^(Dest)?(Channel|ChannelState|ChannelStateDesc|CallerIDNum|CallerIDName|ConnectedLineNum|ConnectedLineName|Language|AccountCode|Context|Exten|Priority|Uniqueid|Linkedid|ChanVariable)$/;

/**
 * An event's ordered field names. AgentComplete's channel blocks are a timing race of the real
 * PBX (recordings of one scenario had both blocks, the caller's only, or none): they are left out
 * here, and `unknownLayouts` against every transcript checks the simulator's full layout.
 */
function comparableKeys(m: Message): string {
  return eventName(m) === 'AgentComplete' ? keysOf(m.filter(([k]) => !CHANNEL_KEY.test(k))) : keysOf(m);
}

/**
 * Adds, for each AgentComplete carrying both channel blocks, the copies a real PBX sends when the
 * race drops them (without the Dest block; without both): five recordings of the same scenarios
 * had each variant for a caller's hang-up or a Redirect, so a layout check must not depend on
 * which one a transcript happened to catch.
 */
export function withAgentCompleteVariants(messages: Message[]): Message[] {
  const variants: Message[] = [];
  for (const m of messages) {
    if (eventName(m) !== 'AgentComplete' || field(m, 'DestChannel') === undefined) continue;
    variants.push(m.filter(([k]) => !/^Dest/.test(k)), m.filter(([k]) => !CHANNEL_KEY.test(k)));
  }
  return [...messages, ...variants];
}

/** Field layouts (ordered names) of each event that one side has and the other has not, both ways. */
export function layoutDifferences(sim: Message[], recorded: Message[]): string[] {
  const layouts = (messages: Message[]) => {
    const out = new Map<string, Set<string>>();
    for (const m of messages) {
      const set = out.get(eventName(m)) ?? new Set<string>();
      set.add(comparableKeys(m));
      out.set(eventName(m), set);
    }
    return out;
  };
  const a = layouts(sim);
  const b = layouts(recorded);
  const problems: string[] = [];
  for (const [name, set] of a) for (const keys of set) if (!b.get(name)?.has(keys)) problems.push(`simulator only: ${name} ${keys}`);
  for (const [name, set] of b) for (const keys of set) if (!a.get(name)?.has(keys)) problems.push(`PBX only: ${name} ${keys}`);
  return problems;
}
