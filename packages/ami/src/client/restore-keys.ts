// The package ships no types; this reference makes ours travel with the source to every consumer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/asterisk-manager.d.ts" />
import type { ManagerMessage } from 'asterisk-manager';
import { createMessage, type AmiFields, type AmiMessage } from '../protocol/ami-message';

/**
 * Keys Asterisk 22 sends (from the recordings), by their lower-case form. asterisk-manager
 * lower-cases every key; this turns them back. Keys not listed fall back to prefix +
 * known suffix (`DestChannel`), then to a capitalised first letter.
 */
const KNOWN = `AMAFlags Abandoned AccountCode AccountID Action ActionID AnswerTime AppData Application
ApplicationData Async Available BillableSeconds BridgeCreator BridgeName BridgeNumChannels BridgeTechnology
BridgeType BridgeUniqueid BridgeVideoSourceMode CallerID CallerIDName CallerIDNum Callers Callgroup Calls
CallsTaken Cause ChanVariable Channel ChannelState ChannelStateDesc Completed ConnectedLineName
ConnectedLineNum Context Count DNID Data Destination DestinationChannel DestinationContext Device DialStatus
DialString Disposition Duration EffectiveConnectedLineName EffectiveConnectedLineNum EndTime Event EventList
EventTV EventVersion Events Exten Extension HoldTime InCall Interface IsExternal Items Language
LastApplication LastCall LastData LastPause LastReload Linkedid ListItems LocalAddress LocalOptimization
Location LoggedIn LoginTime LongestHoldTime Max MemberName Membership Message Name Nativeformats
OriginalPosition Paused PausedReason Penalty Pickupgroup Position Priority Privilege Queue Readformat
Readtrans Reason RemoteAddress Response Result RingTime Ringinuse Seconds Secret Service ServiceLevel
ServicelevelPerf ServicelevelPerf2 SessionID SessionTV Severity Source StartTime State StateInterface Status
Strategy TalkTime TimeToHangup Timestamp Type Uniqueid Uptime UserField Username UsingPassword Value Variable
Wait Weight Wrapuptime Writeformat Writetrans Shutdown Restart Output Hint StatusText Peer Variables
OrigTransfererChannel SecondTransfererChannel TransferTargetChannel DestType DestBridgeUniqueid DestApp`
  .split(/\s+/);
const BY_LOWER = new Map(KNOWN.map((k) => [k.toLowerCase(), k]));
const PREFIXES = ['Dest', 'Transferer', 'Transferee', 'OrigTransferer', 'SecondTransferer', 'TransferTarget', 'LocalOne', 'LocalTwo', 'Orig', 'Target'];

/** Where one event spells a key differently from the rest (Cdr says UniqueID, Status BridgeID…). */
const PER_EVENT: Record<string, Record<string, string>> = {
  cdr: { uniqueid: 'UniqueID' },
  queueparams: { holdtime: 'Holdtime' },
  coreshowchannel: { bridgeid: 'BridgeId' },
  status: { bridgeid: 'BridgeID' },
};

/** Asterisk's spelling of one lower-cased key, as well as it can be recovered. */
export function restoreKey(lower: string, eventLower = ''): string {
  const special = PER_EVENT[eventLower]?.[lower];
  if (special) return special;
  const known = BY_LOWER.get(lower);
  if (known) return known;
  for (const prefix of PREFIXES) {
    const p = prefix.toLowerCase();
    if (lower.startsWith(p)) {
      const rest = BY_LOWER.get(lower.slice(p.length));
      if (rest) return prefix + rest;
    }
  }
  const chanVar = /^(.*)chanvariable\((.*)\)$/.exec(lower);
  if (chanVar) return `${restoreKey(chanVar[1] ?? '')}ChanVariable(${chanVar[2] ?? ''})`;
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * A string that owns its characters. asterisk-manager's values are slices of the whole socket
 * chunk they were read from (V8 keeps a slice's parent alive), so one Linkedid remembered by the
 * normaliser would otherwise keep 64 KB of stream in memory — thousands of them, hundreds of MB.
 */
function ownCopy(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

/**
 * Turn an asterisk-manager event object back into an AmiMessage in Asterisk's spelling.
 * Its `chanvariable: { HOTLINE: '12345' }` objects become `ChanVariable: 'HOTLINE=12345'`
 * (an array when there are several). Lost for good: the case of a channel name inside
 * `ChanVariable(<channel>)` keys, and the order of keys.
 */
export function restoreMessage(raw: ManagerMessage): AmiMessage {
  const eventLower = typeof raw.event === 'string' ? raw.event.toLowerCase() : '';
  const fields: AmiFields = {};
  for (const [lower, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const key = restoreKey(lower, eventLower);
    if (typeof value === 'string') fields[key] = ownCopy(value);
    else if (Array.isArray(value)) fields[key] = value.map((item) => ownCopy(String(item)));
    else {
      const pairs = Object.entries(value).map(([name, v]) => ownCopy(`${name}=${v}`));
      if (pairs.length === 1) fields[key] = pairs[0]!;
      else if (pairs.length > 1) fields[key] = pairs;
    }
  }
  return createMessage(fields);
}
