/** Test support: what "the simulator matches the recording" means, in one place (see README). */
import { eventName, field, keysOf, type Message } from './recording-fixtures';

/**
 * Events left out of the comparison, and why:
 * - VarSet other than `__HOTLINE` and Newexten: dialplan tracing, set by the deployment's dialplan
 *   (queue.conf/extensions.conf), not by the queue; the simulator does not emit them.
 * - DeviceStateChange: hint fan-out whose count varies with subscriptions and thread timing.
 * - the simulator's own flush Pings (ActionID flush-*).
 */
export function isNoise(m: Message): boolean {
  const name = field(m, 'Event');
  if (name === 'Newexten' || name === 'DeviceStateChange') return true;
  if (name === 'VarSet') return field(m, 'Variable') !== '__HOTLINE';
  return (field(m, 'ActionID') ?? '').startsWith('flush-');
}

/** The app_queue events, emitted from one thread per caller: their order per call is deterministic. */
export const QUEUE_EVENTS = new Set([
  'QueueCallerJoin', 'AgentCalled', 'DialState', 'AgentRingNoAnswer', 'QueueCallerAbandon', 'QueueCallerLeave',
  'AgentConnect', 'AgentComplete', 'BlindTransfer', 'OriginateResponse',
]);

/** Hotline of an event from any channelvars spelling, or '' if none. */
export function hotlineOf(m: Message): string {
  for (const [k, v] of m) {
    if (/ChanVariable/.test(k) && v.startsWith('HOTLINE=') && v !== 'HOTLINE=') return v.slice('HOTLINE='.length);
  }
  return '';
}

/** Per hotline (one call each in the recordings), the ordered queue-event names. */
export function queueSequences(messages: Message[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of messages) {
    const name = field(m, 'Event');
    if (!name || !QUEUE_EVENTS.has(name)) continue;
    const hotline = name === 'OriginateResponse' ? /Local\/(\d+)@/.exec(field(m, 'Channel') ?? '')?.[1] ?? '' : hotlineOf(m);
    (out[hotline] ??= []).push(name === 'DialState' ? `DialState:${field(m, 'DialStatus')}` : name);
  }
  return out;
}

/** Counts of every non-noise event name (DialEnd split by DialStatus). */
export function eventCounts(messages: Message[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of messages) {
    if (isNoise(m)) continue;
    let name = eventName(m);
    if (name === 'DialEnd' || name === 'DialBegin') name += field(m, 'Channel') === undefined ? '(originate)' : `:${field(m, 'DialStatus') ?? ''}`;
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

/** Every key layout (ordered field names) seen per event name. */
export function keyLayouts(messages: Message[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of messages) {
    const name = eventName(m);
    const set = out.get(name) ?? new Set<string>();
    set.add(keysOf(m));
    out.set(name, set);
  }
  return out;
}

/** Simulator messages whose ordered field names match no layout of the same event in the recordings. */
export function unknownLayouts(sim: Message[], recorded: Message[]): string[] {
  const known = keyLayouts(recorded);
  const problems: string[] = [];
  for (const m of sim) {
    if (isNoise(m)) continue;
    const layouts = known.get(eventName(m));
    if (!layouts) problems.push(`${eventName(m)}: not in the recordings`);
    else if (!layouts.has(keysOf(m))) problems.push(`${eventName(m)}: fields ${keysOf(m)} not among ${[...layouts].join(' | ')}`);
  }
  return [...new Set(problems)];
}

/** Each channel's first event is Newchannel and its last Hangup; returns the violations. */
export function channelLifecycleProblems(messages: Message[]): string[] {
  const events = new Map<string, string[]>();
  for (const m of messages) {
    const ch = field(m, 'Channel');
    const name = field(m, 'Event');
    if (!ch || !name || name === 'Cdr' || name === 'OriginateResponse' || name === 'QueueEntry') continue;
    if (!['Newchannel', 'Hangup', 'Newstate', 'BridgeEnter', 'BridgeLeave', 'QueueCallerJoin'].includes(name)) continue;
    events.set(ch, [...(events.get(ch) ?? []), name]);
  }
  const problems: string[] = [];
  for (const [ch, names] of events) {
    if (names[0] !== 'Newchannel') problems.push(`${ch} starts with ${names[0]}`);
    if (names.at(-1) !== 'Hangup') problems.push(`${ch} ends with ${names.at(-1)}`);
  }
  return problems;
}

/** Responses in order as `Response|Message` (plus EventList), ignoring flush pings. */
export function responses(messages: Message[]): string[] {
  return messages
    .filter((m) => field(m, 'Event') === undefined && !isNoise(m))
    .map((m) => [field(m, 'Response'), field(m, 'ActionID'), field(m, 'EventList') ?? '', field(m, 'Message') ?? ''].join('|'));
}
