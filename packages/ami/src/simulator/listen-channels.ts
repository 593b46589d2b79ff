import { channelBlock } from './channel-fields';
import { createChannel, hangupChannel, type PbxCore } from './pbx-core';
import type { SimChannel } from './sim-model';

/** Channels originated to run an application (ChanSpy listen-in, click-to-dial), outside the queue. */
export interface ListenChannels {
  originate(spec: { channel: string; application: string; data: string; callerNum: string; callerName: string; actionId: string }): void;
  /** Hangs up one such channel; false when the name is not one of them. */
  hangup(name: string): boolean;
  hangupAll(): void;
  has(name: string): boolean;
}

/**
 * Originate of an Application on a device (the supervisor's phone): the channel comes up,
 * OriginateResponse follows, and for ChanSpy a ChanSpyStart names the spied agent channel.
 */
export function createListenChannels(core: PbxCore): ListenChannels {
  const spies = new Map<string, { ch: SimChannel; spyee: SimChannel | undefined }>();
  const spyBlocks = (spy: SimChannel, spyee: SimChannel) => [...channelBlock(spy, 'Spyer'), ...channelBlock(spyee, 'Spyee')];

  return {
    originate(spec) {
      const suffix = core.nextLocalSuffix();
      const name = spec.channel.startsWith('Local/') ? `${spec.channel}-${suffix};1` : `${spec.channel}-${suffix}`;
      const [, exten = 's', context = 'default'] = /^[^/]+\/([^@]+)@?(.*)$/.exec(spec.channel) ?? [];
      const ch = createChannel(core, { name, state: 'down', context, exten, callerNum: spec.callerNum, callerName: spec.callerName });
      ch.application = spec.application;
      ch.appData = spec.data;
      core.emitChannel('Newchannel', 'call,all', ch);
      Object.assign(ch, { state: 'up', answeredAt: core.clock.now() });
      core.emitChannel('Newstate', 'call,all', ch);
      core.emit('OriginateResponse', 'call,all', [
        ['ActionID', spec.actionId], ['Response', 'Success'], ['Channel', ch.name], ['Application', spec.application],
        ['Data', spec.data], ['Reason', '4'], ['Uniqueid', ch.uniqueid], ['CallerIDNum', spec.callerNum],
        ['CallerIDName', spec.callerName], [`ChanVariable(${ch.name})`, `HOTLINE=${ch.hotline}`],
      ]);
      let spyee: SimChannel | undefined;
      if (spec.application.toLowerCase() === 'chanspy') {
        const prefix = spec.data.split(',')[0] ?? '';
        spyee = [...core.channels.values()].find((c) => c !== ch && prefix !== '' && c.name.startsWith(prefix) && c.bridgeId !== '');
        if (spyee) core.emit('ChanSpyStart', 'call,all', spyBlocks(ch, spyee));
      }
      spies.set(ch.name, { ch, spyee });
    },
    hangup(name) {
      const entry = spies.get(name);
      if (!entry) return false;
      spies.delete(name);
      if (entry.spyee) core.emit('ChanSpyStop', 'call,all', spyBlocks(entry.ch, entry.spyee));
      hangupChannel(core, entry.ch, 16);
      return true;
    },
    has: (name) => spies.has(name),
    hangupAll() {
      for (const name of [...spies.keys()]) this.hangup(name);
    },
  };
}
