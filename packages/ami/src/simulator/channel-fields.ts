import { CHANNEL_STATE, type SimChannel } from './sim-model';
import type { AmiFields } from './wire-format';

/** Channel events escape quotes in names (O'Brien → O\'Brien); OriginateResponse and Cdr do not. */
export function escapeName(value: string): string {
  return value.replace(/(['"\\])/g, '\\$1');
}

/**
 * The channel snapshot block every channel event carries, with Asterisk's prefixes
 * ('' for Channel, 'Dest', 'LocalOne', 'Transferer', …) and the channelvars line last.
 */
export function channelBlock(ch: SimChannel, prefix = ''): AmiFields {
  const [stateNum, stateDesc] = CHANNEL_STATE[ch.state];
  return [
    [`${prefix}Channel`, ch.name],
    [`${prefix}ChannelState`, String(stateNum)],
    [`${prefix}ChannelStateDesc`, stateDesc],
    [`${prefix}CallerIDNum`, escapeName(ch.callerNum)],
    [`${prefix}CallerIDName`, escapeName(ch.callerName)],
    [`${prefix}ConnectedLineNum`, escapeName(ch.connectedNum)],
    [`${prefix}ConnectedLineName`, escapeName(ch.connectedName)],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.uniqueid],
    [`${prefix}Linkedid`, ch.linkedid],
    [`${prefix}ChanVariable`, `HOTLINE=${ch.hotline}`],
  ];
}

/** The bridge snapshot block of Bridge* and transfer events. */
export function bridgeBlock(bridgeId: string, numChannels: number): AmiFields {
  return [
    ['BridgeUniqueid', bridgeId],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(numChannels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

/** Elapsed time as CoreShowChannel prints Duration (HH:MM:SS). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
