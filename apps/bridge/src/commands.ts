/**
 * Commands from the API, run as AMI actions. They arrive on this PBX's BullMQ queue; the
 * job's return value (or its failure, carrying Asterisk's message) is the report back.
 * A command the PBX rejects fails without retry (UnrecoverableError): retrying would not help.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { AmiActionError, getField, type AmiClient } from '@yixian/ami';
import { runAgentStateCommand, type AgentCommandResult, type AgentStateCommand, type OnMemberRead } from './agent-commands.js';

export type PbxCommand =
  | AgentStateCommand
  | { type: 'call.hangup'; linkedid: string }
  | { type: 'call.transfer'; linkedid: string; exten: string; context: string }
  | { type: 'call.listen'; linkedid: string; supervisorInterface: string; mode: 'listen' | 'whisper' | 'barge' }
  | { type: 'call.conference'; linkedid: string; exten: string; context: string }
  | { type: 'call.answer'; interface: string }
  | { type: 'call.originate'; interface: string; exten: string; context: string; callerId?: string };

const SPY_OPTIONS = { listen: 'q', whisper: 'qw', barge: 'qB' } as const;

/** Channels of one call (by Linkedid), caller's first. */
async function channelsOf(client: AmiClient, linkedid: string): Promise<string[]> {
  const result = await client.action({ Action: 'CoreShowChannels' });
  return result.items.filter((item) => getField(item, 'Linkedid') === linkedid).map((item) => getField(item, 'Channel')!).filter(Boolean);
}

function check(command: Record<string, unknown>, ...fields: string[]): void {
  for (const field of fields) {
    if (typeof command[field] !== 'string' || (command[field] as string).length === 0) {
      throw new UnrecoverableError(`command ${String(command.type)}: ${field} is required`);
    }
  }
}

/** What the bridge tells its caller besides running the command. */
export interface CommandHooks {
  /** A member's state as QueueStatus gave it while running an agent command (repairs the live state). */
  onMemberRead?: OnMemberRead;
}

export async function runCommand(client: AmiClient, queue: string, job: Job<PbxCommand>, hooks: CommandHooks = {}): Promise<{ ok: true; detail?: string } | AgentCommandResult> {
  const command = job.data;
  try {
    switch (command.type) {
      case 'agent.state':
        return await runAgentStateCommand(client, queue, command, hooks.onMemberRead);
      case 'call.hangup': {
        check(command, 'linkedid');
        const channels = await channelsOf(client, command.linkedid);
        if (channels.length === 0) throw new UnrecoverableError(`no channel of call ${command.linkedid}`);
        await client.action({ Action: 'Hangup', Channel: channels[0]! });
        return { ok: true, detail: channels[0] };
      }
      case 'call.transfer': {
        check(command, 'linkedid', 'exten', 'context');
        const channels = await channelsOf(client, command.linkedid);
        if (channels.length === 0) throw new UnrecoverableError(`no channel of call ${command.linkedid}`);
        await client.action({ Action: 'Redirect', Channel: channels[0]!, Exten: command.exten, Context: command.context, Priority: '1' });
        return { ok: true };
      }
      case 'call.listen': {
        check(command, 'linkedid', 'supervisorInterface');
        const channels = await channelsOf(client, command.linkedid);
        const target = channels[channels.length - 1];
        if (!target) throw new UnrecoverableError(`no channel of call ${command.linkedid}`);
        await client.action({
          Action: 'Originate', Channel: command.supervisorInterface, Application: 'ChanSpy',
          Data: `${target.split('-')[0]},${SPY_OPTIONS[command.mode] ?? 'q'}`, Async: 'true',
        });
        return { ok: true };
      }
      case 'call.conference': {
        // Caller and agent into a ConfBridge room named after the call, then dial the third party in.
        check(command, 'linkedid', 'exten', 'context');
        const channels = await channelsOf(client, command.linkedid);
        if (channels.length < 2) throw new UnrecoverableError(`call ${command.linkedid} has no talking agent`);
        await client.action({
          Action: 'Redirect', Channel: channels[0]!, Context: 'yixian-linkage', Exten: command.linkedid, Priority: '1',
          ExtraChannel: channels[channels.length - 1]!, ExtraContext: 'yixian-linkage-agent', ExtraExten: command.linkedid, ExtraPriority: '1',
        });
        await client.action({
          Action: 'Originate', Channel: `Local/${command.exten}@${command.context}`, Context: 'yixian-linkage', Exten: command.linkedid, Priority: '1', Async: 'true',
        });
        return { ok: true };
      }
      case 'call.answer':
        // Only the simulator can pick up a phone; a real PBX answers "Invalid/unknown command".
        check(command, 'interface');
        await client.action({ Action: 'YixianSimAnswer', Interface: command.interface });
        return { ok: true };
      case 'call.originate':
        check(command, 'interface', 'exten', 'context');
        await client.action({ Action: 'Originate', Channel: command.interface, Exten: command.exten, Context: command.context, Priority: '1', Async: 'true', CallerID: command.callerId ?? '' });
        return { ok: true };
      default:
        throw new UnrecoverableError(`unknown command ${String((command as { type?: unknown }).type)}`);
    }
  } catch (error) {
    if (error instanceof AmiActionError) throw new UnrecoverableError(`PBX refused ${command.type}: ${error.message}`);
    throw error;
  }
}
