/**
 * What the PBX's list actions say about the calls still up, read by what each channel IS, never
 * by list order (a real Asterisk 22 lists the agent's legs before the caller's):
 * - the caller's channel is the one running `Queue` (it stays in the Queue application while
 *   talking: the queue bridges from inside it); failing that, the one whose Uniqueid is the
 *   Linkedid (a trunk call's first channel); failing that, the first;
 * - the agent's leg is the member channel Asterisk dialled: application `AppQueue`;
 * - a waiting caller is a `QueueEntry` of QueueStatus (caller ID, Wait, Position) matched by the
 *   caller channel's Uniqueid (QueueEntry has no Linkedid);
 * - the member behind an agent leg is the QueueStatus member whose interface names the same
 *   device (`Local/8001@agents-0000001;1` ↔ `Local/8001@agents/n`, `PJSIP/8001-00000012` ↔ `PJSIP/8001`).
 */
import { getField, type AmiMessage } from '../protocol/ami-message';
import { findChanVariable } from '../protocol/chan-variables';
import { readCallerId, readInt, readText } from './read-fields';

export interface ChannelOfCall {
  channel: string;
  uniqueid: string;
  application: string | null;
  bridgeId: string | null;
  /** Seconds since the channel was created. */
  durationS: number | null;
}

export interface LiveCall {
  linkedid: string;
  hotline: string | null;
  caller: ChannelOfCall;
  /** The agent leg in the caller's bridge, when talking to a queue member. */
  agentLeg: ChannelOfCall | null;
  /** The member interface of the agent leg (from QueueStatus), when known. */
  agentInterface: string | null;
  agentName: string | null;
  callerNumber: string | null;
  callerName: string | null;
  /** Waiting in the queue (a QueueEntry), talking to an agent, or elsewhere (IVR, transferred…). */
  phase: 'waiting' | 'talking' | 'other';
  /** Seconds waited so far (QueueEntry Wait), when waiting. */
  waitS: number | null;
  position: number | null;
  queue: string | null;
}

/** `00:01:05` (CoreShowChannel Duration) → 65; null when unreadable. */
export function readDuration(message: AmiMessage): number | null {
  const value = readText(message, 'Duration');
  const match = value === null ? null : /^(\d+):(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
}

/** The device a channel or member interface names: options, the channel counter and `;n` dropped. */
export function deviceOf(name: string): string {
  const withoutOptions = name.startsWith('Local/') ? name.replace(/\/[a-zA-Z]+$/, '') : name;
  return withoutOptions.replace(/-[0-9a-f]{8}(;\d)?$/, '').replace(/;\d$/, '');
}

function channelOf(item: AmiMessage): ChannelOfCall | null {
  const channel = readText(item, 'Channel');
  const uniqueid = readText(item, 'Uniqueid');
  if (channel === null || uniqueid === null) return null;
  return { channel, uniqueid, application: readText(item, 'Application'), bridgeId: readText(item, 'BridgeId'), durationS: readDuration(item) };
}

/** Picks the caller's channel among a call's channels (see the module comment). */
export function callerChannelOf<T extends { uniqueid: string; application: string | null }>(linkedid: string, channels: readonly T[]): T | null {
  return channels.find((c) => c.application === 'Queue') ?? channels.find((c) => c.uniqueid === linkedid) ?? channels[0] ?? null;
}

/** Reads CoreShowChannels and QueueStatus items into the calls still up, keyed by Linkedid. */
export function readLiveCalls(channelItems: readonly AmiMessage[], statusItems: readonly AmiMessage[]): Map<string, LiveCall> {
  const byCall = new Map<string, { items: AmiMessage[]; channels: ChannelOfCall[] }>();
  for (const item of channelItems) {
    const linkedid = readText(item, 'Linkedid');
    const channel = channelOf(item);
    if (linkedid === null || channel === null) continue;
    const entry = byCall.get(linkedid) ?? { items: [], channels: [] };
    entry.items.push(item);
    entry.channels.push(channel);
    byCall.set(linkedid, entry);
  }
  const entries = new Map<string, AmiMessage>();
  const members = new Map<string, { iface: string; name: string | null; queue: string | null }>();
  for (const item of statusItems) {
    if (item.event === 'QueueEntry') {
      const uniqueid = readText(item, 'Uniqueid');
      if (uniqueid !== null) entries.set(uniqueid, item);
    } else if (item.event === 'QueueMember') {
      const iface = readText(item, 'Location') ?? readText(item, 'Interface');
      if (iface !== null) members.set(deviceOf(readText(item, 'StateInterface') ?? iface), { iface, name: readText(item, 'Name'), queue: readText(item, 'Queue') });
      if (iface !== null) members.set(deviceOf(iface), { iface, name: readText(item, 'Name'), queue: readText(item, 'Queue') });
    }
  }

  const calls = new Map<string, LiveCall>();
  for (const [linkedid, { items, channels }] of byCall) {
    const caller = callerChannelOf(linkedid, channels)!;
    const callerItem = items[channels.indexOf(caller)]!;
    const hotline = items.map((item) => findChanVariable(item, 'HOTLINE')).find((value) => value) ?? null;
    const entry = entries.get(caller.uniqueid) ?? null;
    const agentLeg = caller.bridgeId === null ? null
      : channels.find((c) => c !== caller && c.application === 'AppQueue' && c.bridgeId === caller.bridgeId) ?? null;
    const member = agentLeg ? members.get(deviceOf(agentLeg.channel)) ?? null : null;
    const phase = entry ? 'waiting' : agentLeg ? 'talking' : 'other';
    calls.set(linkedid, {
      linkedid, hotline, caller, agentLeg,
      agentInterface: member?.iface ?? null, agentName: member?.name ?? null,
      callerNumber: readCallerId(entry ?? callerItem, 'CallerIDNum'), callerName: readCallerId(entry ?? callerItem, 'CallerIDName'),
      phase, waitS: entry ? readInt(entry, 'Wait') : null, position: entry ? readInt(entry, 'Position') : null,
      queue: entry ? readText(entry, 'Queue') : member?.queue ?? (caller.application === 'Queue' ? getField(callerItem, 'ApplicationData')?.split(',')[0] ?? null : null),
    });
  }
  return calls;
}
