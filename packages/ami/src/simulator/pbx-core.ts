import type { SimClock } from './clock';
import { channelBlock } from './channel-fields';
import type { SimCall, SimChannel, SimMember, ChannelStateName } from './sim-model';
import type { ResolvedSimulatorOptions } from './simulator-options';
import { formatTimestamp, type AmiFields } from './wire-format';

/** Queue counters as QueueParams / QueueSummary report them (reset by a restart). */
export interface QueueStats {
  completed: number;
  abandoned: number;
  /** Exponential averages, seconds, as app_queue keeps them: (old * 3 + new) / 4. */
  holdTime: number;
  talkTime: number;
  /** rrmemory: index in `members` of the last member rung. */
  rrLast: number;
}

/** Shared state of one simulated PBX: channels, calls, members, the queue, and the event fan-out. */
export interface PbxCore {
  readonly clock: SimClock;
  readonly options: ResolvedSimulatorOptions;
  readonly channels: Map<string, SimChannel>;
  readonly calls: Map<string, SimCall>;
  members: SimMember[];
  /** Callers in queue order (position 1 first). */
  waiting: SimCall[];
  stats: QueueStats;
  /** Hotlines closed at run time (YixianSimHours): after hours, their callers get the shipped overflow menu. */
  closedNow: Set<string>;
  /** AstDB (`<family>/<key>` → value), written by DBPut/DBDel (astdb.ts); kept across restarts. */
  astdb: Map<string, string>;
  bootAt: number;
  /** Receives every event; the server fans it out to logged-in sessions. */
  sink: (fields: AmiFields) => void;
  nextUniqueid(): string;
  nextLocalSuffix(): string;
  nextBridgeId(): string;
  /** Emits `Event: name` with Privilege and Timestamp (timestampevents = yes) before the body. */
  emit(name: string, privilege: string, body: AmiFields): void;
  emitChannel(name: string, privilege: string, ch: SimChannel, extra?: AmiFields): void;
  /** Resets counters and ids as a PBX restart does; Linkedids stay unique across restarts. */
  reboot(): void;
}

/** Builds the shared state; `members` come already resolved from the options. */
export function createPbxCore(clock: SimClock, options: ResolvedSimulatorOptions, members: SimMember[]): PbxCore {
  let uniqueCounter = 0;
  let localCounter = 0;
  let bridgeCounter = 0;
  let minUniqueSec = 0;
  let lastUniqueSec = 0;
  const core: PbxCore = {
    clock,
    options,
    channels: new Map(),
    calls: new Map(),
    members,
    waiting: [],
    stats: { completed: 0, abandoned: 0, holdTime: 0, talkTime: 0, rrLast: -1 },
    closedNow: new Set(),
    astdb: new Map(),
    bootAt: clock.now(),
    sink: () => {},
    nextUniqueid() {
      const sec = Math.max(Math.floor(clock.now() / 1000), minUniqueSec);
      lastUniqueSec = Math.max(lastUniqueSec, sec);
      return `${sec}.${uniqueCounter++}`;
    },
    nextLocalSuffix: () => (localCounter++).toString(16).padStart(8, '0'),
    nextBridgeId() {
      const n = (bridgeCounter++).toString(16).padStart(12, '0');
      const seed = (core.bootAt & 0xffffffff).toString(16).padStart(8, '0');
      return `${seed}-5a1e-4c0d-9b1e-${n}`;
    },
    emit(name, privilege, body) {
      core.sink([['Event', name], ['Privilege', privilege], ['Timestamp', formatTimestamp(clock.now())], ...body]);
    },
    emitChannel(name, privilege, ch, extra = []) {
      core.emit(name, privilege, [...channelBlock(ch), ...extra]);
    },
    reboot() {
      uniqueCounter = 0;
      localCounter = 0;
      minUniqueSec = lastUniqueSec + 1;
      core.bootAt = clock.now();
      core.stats = { completed: 0, abandoned: 0, holdTime: 0, talkTime: 0, rrLast: -1 };
      core.channels.clear();
      core.calls.clear();
      core.waiting = [];
    },
  };
  return core;
}

export interface NewChannelSpec {
  name: string;
  state: ChannelStateName;
  context: string;
  exten: string;
  linkedid?: string;
  callerNum?: string;
  callerName?: string;
}

/** Creates and registers a channel; Linkedid defaults to its own Uniqueid (the first channel of a call). */
export function createChannel(core: PbxCore, spec: NewChannelSpec): SimChannel {
  const uniqueid = core.nextUniqueid();
  const ch: SimChannel = {
    name: spec.name,
    state: spec.state,
    callerNum: spec.callerNum ?? '<unknown>',
    callerName: spec.callerName ?? '<unknown>',
    connectedNum: '<unknown>',
    connectedName: '<unknown>',
    context: spec.context,
    exten: spec.exten,
    priority: 1,
    uniqueid,
    linkedid: spec.linkedid ?? uniqueid,
    hotline: '',
    application: '',
    appData: '',
    createdAt: core.clock.now(),
    answeredAt: undefined,
    bridgeId: '',
  };
  core.channels.set(ch.name, ch);
  return ch;
}

/** Emits Hangup for a channel and forgets it. Cause 16 = Normal Clearing, 0 = Unknown. */
export function hangupChannel(core: PbxCore, ch: SimChannel | undefined, cause: 0 | 16): void {
  if (!ch || !core.channels.has(ch.name)) return;
  core.emitChannel('Hangup', 'call,all', ch, [
    ['Cause', String(cause)],
    ['Cause-txt', cause === 16 ? 'Normal Clearing' : 'Unknown'],
  ]);
  core.channels.delete(ch.name);
}

/** Emits DeviceStateChange (hint/device fan-out the bridge may ignore, kept for shape). */
export function emitDeviceState(core: PbxCore, device: string, state: string): void {
  core.emit('DeviceStateChange', 'call,all', [['Device', device], ['State', state]]);
}
