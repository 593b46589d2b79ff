/**
 * Commands on a call, found by what its channels are — never by list order: a real Asterisk 22
 * lists the agent's legs before the caller's in CoreShowChannels. The caller is the channel
 * running `Queue` (or whose Uniqueid is the Linkedid), the agent's leg the member channel
 * Asterisk dialled (`AppQueue`). See @yixian/ami `callerChannelOf`.
 *
 * A transfer by AMI `Redirect` produces no BlindTransfer event on a real PBX, and queue_log
 * logs it only when the caller finally hangs up (COMPLETECALLER, talk time including the time at
 * the target). So the bridge says it itself: a `call.transferred` at the moment the PBX accepted
 * the Redirect (PBX clock), with the target.
 */
import { UnrecoverableError } from 'bullmq';
import {
  CALL_EVENT_KIND, TRANSFER_TYPE, callerChannelOf, getField,
  type AmiClient, type CallTransferred, type PbxClock,
} from '@yixian/ami';
import type { CallCommand } from '@yixian/runtime';
import { originateAndWatch } from './originate-outcome.js';

export type { CallCommand } from '@yixian/runtime';

export interface CallCommandHooks {
  /** The PBX's clock (events' Timestamps), for the transfer's time. */
  clock?: PbxClock;
  /** A transfer the bridge ordered, to be handed over like an event read from the PBX. */
  onTransferred?: (event: CallTransferred) => void;
}

const SPY_OPTIONS = { listen: 'q', whisper: 'qw', barge: 'qB' } as const;

/** How long a listen-in waits for the PBX to say the supervisor's phone cannot be rung. */
const LISTEN_FAILURE_WAIT_MS = 2500;

/** Asterisk's OriginateResponse reasons (the dial outcome, pbx.h AST_CONTROL_*). */
const ORIGINATE_REASONS: Record<string, string> = {
  '0': 'not registered or unreachable', '1': 'hung up', '3': 'no answer', '5': 'busy', '8': 'congestion / not registered',
};

interface CallChannels {
  caller: string;
  /** The queue member's leg the caller talks to, when answered. */
  agentLeg: string | null;
}

async function channelsOf(client: AmiClient, linkedid: string): Promise<CallChannels> {
  const result = await client.action({ Action: 'CoreShowChannels' });
  const channels = result.items
    .filter((item) => getField(item, 'Linkedid') === linkedid)
    .map((item) => ({ channel: getField(item, 'Channel') ?? '', uniqueid: getField(item, 'Uniqueid') ?? '', application: getField(item, 'Application') ?? null, bridgeId: getField(item, 'BridgeId') || null }))
    .filter((item) => item.channel !== '');
  const caller = callerChannelOf(linkedid, channels);
  if (caller === null) throw new UnrecoverableError(`call ${linkedid} has no channel on the PBX (it has ended)`);
  const agentLeg = channels.find((c) => c !== caller && c.application === 'AppQueue' && (caller.bridgeId === null || c.bridgeId === caller.bridgeId)) ?? null;
  return { caller: caller.channel, agentLeg: agentLeg?.channel ?? null };
}

export async function runCallCommand(client: AmiClient, command: CallCommand, queue: string, hooks: CallCommandHooks = {}): Promise<{ ok: true; detail?: string }> {
  switch (command.type) {
    case 'call.hangup': {
      const { caller } = await channelsOf(client, command.linkedid);
      await client.action({ Action: 'Hangup', Channel: caller });
      return { ok: true, detail: caller };
    }
    case 'call.transfer': {
      const { caller, agentLeg } = await channelsOf(client, command.linkedid);
      await client.action({ Action: 'Redirect', Channel: caller, Exten: command.exten, Context: command.context, Priority: '1' });
      hooks.onTransferred?.({
        kind: CALL_EVENT_KIND.transferred, eventId: `${command.linkedid}:${CALL_EVENT_KIND.transferred}:redirect`,
        at: (hooks.clock?.now() ?? new Date()).toISOString(), linkedid: command.linkedid, hotline: null, queue,
        transferType: TRANSFER_TYPE.blind, agent: null, target: `${command.exten}@${command.context}`, result: 'Success',
      });
      return { ok: true, detail: agentLeg ?? undefined };
    }
    case 'call.listen': {
      const { agentLeg } = await channelsOf(client, command.linkedid);
      if (agentLeg === null) throw new UnrecoverableError(`call ${command.linkedid} has no talking agent to listen to`);
      const outcome = await originateAndWatch(client, {
        Action: 'Originate', Channel: command.supervisorInterface, Application: 'ChanSpy',
        Data: `${agentLeg},${SPY_OPTIONS[command.mode] ?? 'q'}`,
      }, LISTEN_FAILURE_WAIT_MS);
      if (!outcome.ok) {
        throw new UnrecoverableError(`the supervisor's phone ${command.supervisorInterface} could not be rung (${ORIGINATE_REASONS[outcome.reason] ?? `reason ${outcome.reason}`})`);
      }
      return { ok: true, detail: outcome.pending ? 'ringing' : 'listening' };
    }
    case 'call.conference': {
      // Caller and agent into a ConfBridge room named after the call, then dial the third party in.
      const { caller, agentLeg } = await channelsOf(client, command.linkedid);
      if (agentLeg === null) throw new UnrecoverableError(`call ${command.linkedid} has no talking agent`);
      await client.action({
        Action: 'Redirect', Channel: caller, Context: 'yixian-linkage', Exten: command.linkedid, Priority: '1',
        ExtraChannel: agentLeg, ExtraContext: 'yixian-linkage-agent', ExtraExten: command.linkedid, ExtraPriority: '1',
      });
      await client.action({
        Action: 'Originate', Channel: `Local/${command.exten}@${command.context}`, Context: 'yixian-linkage', Exten: command.linkedid, Priority: '1', Async: 'true',
      });
      return { ok: true };
    }
  }
}
