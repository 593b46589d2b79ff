/**
 * An agent's desired state, made true on the PBX. The PBX is the truth: the bridge first asks
 * `QueueStatus` (Queue + Member) whether the interface is a member and paused, then sends only
 * the actions that move it to the desired state, and answers with what a second `QueueStatus`
 * says. Nothing else (the live hash in Redis, the console) is trusted, so no state can stick.
 *
 * Protocol notes (app_queue, Asterisk 22; see /work/shared/ami/d_queue_member_actions.txt):
 * - `QueueAdd` takes Paused and Reason, so "log in paused" is one action. A member already
 *   there gets `Response: Error`, "Unable to add interface: Already there": it is a member,
 *   and we go on with the pause step.
 * - `QueuePause` to the state the member already has still answers Success and emits
 *   QueueMemberPause: we send it only when paused or its reason differ.
 * - `QueueRemove` of a non-member answers "Unable to remove interface: Not there"; treated as
 *   done. A static member (queues.conf) answers "Member not dynamic": a real refusal.
 * - `QueueStatus` `InCall: 1` means talking on a queue call; `Status` 2/3/6/7/8 means the phone is
 *   in use, busy, ringing or on hold. Signing out then is refused, not done: removing a member
 *   during a call left the agent's console and the PBX disagreeing until a restart.
 */
import { UnrecoverableError } from 'bullmq';
import { AmiActionError, getField, readQueueMember, type AmiClient, type AmiMessage, type QueueMemberSnapshot } from '@yixian/ami';
import { presentAgentState } from '@yixian/domain';
import type { AgentCommandResult, AgentReport, AgentStateCommand } from '@yixian/runtime';

export type { AgentCommandResult, AgentReport, AgentStateCommand, AgentTarget } from '@yixian/runtime';

/** What one QueueStatus said about the interface: its item (null: not a member), read. */
export interface MemberRead {
  iface: string;
  item: AmiMessage | null;
  member: QueueMemberSnapshot | null;
  /** Unix seconds of the member's last pause (`LastPause`), null when 0 or absent. */
  lastPause: number | null;
}

/** Called the moment a QueueStatus reply is read, in event-stream order (the live state is repaired from it). */
export type OnMemberRead = (read: MemberRead) => void;

const LIST_TIMEOUT_MS = 10_000;

function report(iface: string, member: QueueMemberSnapshot | null, lastPause: number | null): AgentReport {
  if (!member) return { interface: iface, isMember: false, state: 'logged_out', paused: false, pausedReason: null, isOnCall: false, pausedSince: null };
  return {
    interface: iface, isMember: true, state: presentAgentState(member.state, member.pausedReason, member.isOnCall),
    paused: member.paused, pausedReason: member.pausedReason, isOnCall: member.isOnCall, pausedSince: member.paused ? lastPause : null,
  };
}

const isRefusal = (error: unknown, pattern: RegExp) => error instanceof AmiActionError && pattern.test(getField(error.response, 'Message') ?? '');

/** Runs one `agent.state` command; PBX refusals other than the expected ones fail it without retry. */
export async function runAgentStateCommand(client: AmiClient, queue: string, command: AgentStateCommand, onMemberRead?: OnMemberRead): Promise<AgentCommandResult> {
  const iface = command.interface;
  if (typeof iface !== 'string' || iface.length === 0) throw new UnrecoverableError('command agent.state: interface is required');
  if (!['ready', 'paused', 'logged_out'].includes(command.state)) throw new UnrecoverableError(`command agent.state: unknown state ${String(command.state)}`);
  if (command.state === 'paused' && !command.reason) throw new UnrecoverableError('command agent.state: reason is required to pause');
  const actions: string[] = [];

  /** QueueStatus for this interface; the live state hears of it the moment the reply is read. */
  async function read(): Promise<MemberRead> {
    actions.push('QueueStatus');
    let found: MemberRead = { iface, item: null, member: null, lastPause: null };
    await client.action({ Action: 'QueueStatus', Queue: queue, Member: iface }, {
      timeoutMs: LIST_TIMEOUT_MS,
      onSettled: (result) => {
        const now = Date.now() / 1000;
        for (const item of result.items) {
          if (item.event !== 'QueueMember') continue;
          // The Member filter also matches a member *name*: keep only this interface's item.
          const member = readQueueMember(item, now);
          if (member?.interface === iface) found = { iface, item, member, lastPause: Number(getField(item, 'LastPause')) || null };
        }
        onMemberRead?.(found);
      },
    });
    return found;
  }
  async function send(fields: Record<string, string> & { Action: string }): Promise<void> {
    actions.push(fields.Action);
    await client.action(fields);
  }

  const before = await read();
  let { member } = before;
  if (command.ifPausedReason !== undefined && !(member?.paused && member.pausedReason === command.ifPausedReason)) {
    return { ok: true, agent: report(iface, member, before.lastPause), actions };
  }

  if (command.state === 'logged_out') {
    if (member?.isOnCall) return { ok: false, refused: 'in_call', agent: report(iface, member, before.lastPause), actions };
    if (member) {
      try {
        await send({ Action: 'QueueRemove', Queue: queue, Interface: iface });
      } catch (error) {
        if (!isRefusal(error, /Not there|Interface not found/i)) throw error;
      }
    }
  } else {
    const paused = command.state === 'paused';
    const reason = paused ? command.reason! : '';
    if (!member) {
      try {
        await send({ Action: 'QueueAdd', Queue: queue, Interface: iface, MemberName: command.memberName, Paused: paused ? 'true' : 'false', ...(paused ? { Reason: reason } : {}) });
      } catch (error) {
        if (!isRefusal(error, /Already there/i)) throw error;
        // A member after all (added since we looked): learn how it stands, then pause or unpause.
        member = (await read()).member;
      }
    }
    if (member && (member.paused !== paused || (paused && member.pausedReason !== reason))) {
      await send({ Action: 'QueuePause', Queue: queue, Interface: iface, Paused: paused ? 'true' : 'false', Reason: reason });
    }
  }

  // Nothing sent: the first answer is still the PBX's state.
  const after = actions.length === 1 ? before : await read();
  return { ok: true, agent: report(iface, after.member, after.lastPause), actions };
}
