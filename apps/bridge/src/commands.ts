/**
 * Commands from the API, run as AMI actions. They arrive on this PBX's BullMQ queue; the
 * job's return value (or its failure, carrying Asterisk's message) is the report back.
 * A command the PBX rejects fails without retry (UnrecoverableError): retrying would not help.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { AmiActionError, type AmiClient } from '@yixian/ami';
import type { AgentCommandResult, CallCommand, ConfigSyncReport, PbxCommand } from '@yixian/runtime';
import { runCallCommand, type CallCommandHooks } from './call-commands.js';
import { runAgentStateCommand, type OnMemberRead } from './agent-commands.js';
import { runCallbackCommand } from './callout.js';
import { runAlertCallCommand } from './alert-call.js';
import type { ConfigSync } from './config-sync.js';

export type { PbxCommand } from '@yixian/runtime';

/** Fields each call command must carry (checked before anything is sent to the PBX). */
const REQUIRED: Record<CallCommand['type'], string[]> = {
  'call.hangup': ['linkedid'],
  'call.transfer': ['linkedid', 'exten', 'context'],
  'call.listen': ['linkedid', 'supervisorInterface'],
  'call.conference': ['linkedid', 'exten', 'context'],
};

function check(command: Record<string, unknown>, ...fields: string[]): void {
  for (const field of fields) {
    if (typeof command[field] !== 'string' || (command[field] as string).length === 0) {
      throw new UnrecoverableError(`command ${String(command.type)}: ${field} is required`);
    }
  }
}

/** What the bridge tells its caller besides running the command. */
export interface CommandHooks extends CallCommandHooks {
  /** A member's state as QueueStatus gave it while running an agent command (repairs the live state). */
  onMemberRead?: OnMemberRead;
  /** Takes (once) the number a call-out dials, which the API left beside the command. */
  takeCalloutTarget?: (attemptId: string) => Promise<string | null>;
  /** Takes (once) the number an alert call dials, which the API left beside the command. */
  takeAlertTarget?: (alertCallId: string) => Promise<string | null>;
  /** An alert call that could not be placed: reported as `failed` (alert-call.ts). */
  onAlertFailed?: (alertCallId: string, detail: string) => void;
  /** Writes the hotlines and the calendar into AstDB (config-sync.ts). */
  configSync?: ConfigSync;
}

export async function runCommand(client: AmiClient, queue: string, job: Job<PbxCommand>, hooks: CommandHooks = {}): Promise<{ ok: true; detail?: string } | AgentCommandResult | ConfigSyncReport> {
  const command = job.data;
  try {
    switch (command.type) {
      case 'agent.state':
        return await runAgentStateCommand(client, queue, command, hooks.onMemberRead);
      case 'call.hangup':
      case 'call.transfer':
      case 'call.listen':
      case 'call.conference':
        check(command, ...REQUIRED[command.type]);
        return await runCallCommand(client, command, queue, hooks);
      case 'call.answer':
        // Only the simulator can pick up a phone; a real PBX answers "Invalid/unknown command".
        check(command, 'interface');
        await client.action({ Action: 'YixianSimAnswer', Interface: command.interface });
        return { ok: true };
      case 'call.originate':
        check(command, 'interface', 'exten', 'context');
        await client.action({ Action: 'Originate', Channel: command.interface, Exten: command.exten, Context: command.context, Priority: '1', Async: 'true', CallerID: command.callerId ?? '' });
        return { ok: true };
      case 'call.callback':
        return await runCallbackCommand(client, command, hooks.takeCalloutTarget ?? (async () => null));
      case 'call.alert':
        return await runAlertCallCommand(client, command, hooks.takeAlertTarget ?? (async () => null), hooks.onAlertFailed ?? (() => undefined));
      case 'config.sync':
        if (!hooks.configSync) throw new UnrecoverableError('command config.sync: this bridge cannot write AstDB');
        return await hooks.configSync.run(command);
      default:
        throw new UnrecoverableError(`unknown command ${String((command as { type?: unknown }).type)}`);
    }
  } catch (error) {
    if (error instanceof AmiActionError) throw new UnrecoverableError(`PBX refused ${command.type}: ${error.message}`);
    throw error;
  }
}
