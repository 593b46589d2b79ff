import type { PbxCore } from './pbx-core';
import { MEMBER_STATUS, type SimMember } from './sim-model';
import type { AmiFields } from './wire-format';

/**
 * Device status app_queue reports for a member: in a call or ringing counts as in use (Local
 * members). One whose device state it does not hear is in use only from the answer on.
 */
export function memberStatus(core: PbxCore, m: SimMember): number {
  if (!m.linkedid) return MEMBER_STATUS.notInUse;
  if (isDeviceStateTracked(m)) return MEMBER_STATUS.inUse;
  return (core.calls.get(m.linkedid)?.connectedAt ?? 0) > 0 ? MEMBER_STATUS.inUse : MEMBER_STATUS.notInUse;
}

/**
 * Whether app_queue hears the member's device state. Asterisk publishes a Local channel's state as
 * `Local/<exten>@<context>`, so a state interface with options (`Local/8001@agents/n`, the default
 * when QueueAdd names none) never matches: such a member gets QueueMemberStatus only from
 * app_queue's own updates (answered, call over), none while ringing (asterisk-22 transcripts).
 */
export function isDeviceStateTracked(m: SimMember): boolean {
  return !/^Local\/[^/]+\/.+$/.test(m.stateInterface);
}

/** Body of the live member events (QueueMemberStatus/Pause/Added/Removed/Penalty): MemberName/Interface. */
export function liveMemberFields(core: PbxCore, m: SimMember): AmiFields {
  return [
    ['Queue', core.options.queue],
    ['MemberName', m.name],
    ['Interface', m.interface],
    ['StateInterface', m.stateInterface],
    ['Membership', m.membership],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', m.linkedid && core.calls.get(m.linkedid)?.phase === 'talking' ? '1' : '0'],
    ['Status', String(memberStatus(core, m))],
    ['Paused', m.paused ? '1' : '0'],
    ['PausedReason', m.pausedReason],
    ['Ringinuse', '0'],
    // The member's own wrap-up time (QueueAdd cannot set one), not the queue's.
    ['Wrapuptime', '0'],
  ];
}

/** Body of the QueueMember list item: Name/Location instead of MemberName/Interface, no Ringinuse. */
export function listMemberFields(core: PbxCore, m: SimMember, actionId: string): AmiFields {
  const live = liveMemberFields(core, m).filter(([k]) => k !== 'Ringinuse');
  return live
    .map(([k, v]): readonly [string, string] => [k === 'MemberName' ? 'Name' : k === 'Interface' ? 'Location' : k, v])
    .concat([['ActionID', actionId]]);
}

export function emitMemberEvent(core: PbxCore, name: string, m: SimMember): void {
  core.emit(name, 'agent,all', liveMemberFields(core, m));
}

/** Whether the member can be rung now (ringinuse = no, not paused, not in wrap-up). */
export function isMemberAvailable(core: PbxCore, m: SimMember): boolean {
  return !m.paused && !m.linkedid && m.wrapUntil <= core.clock.now();
}
