/**
 * The desired-state agent command against the PBX simulator over real TCP: it reads
 * QueueStatus first and sends only what moves the member, treats "Already there" and
 * "Not there" as the states they mean, refuses a sign-out during a call, and answers with
 * what the PBX then says.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiActionError, AmiClient } from '@yixian/ami';
import { createPbxSimulator, type PbxSimulator } from '@yixian/ami/simulator';
import { runAgentStateCommand, type AgentStateCommand, type MemberRead } from '../src/agent-commands.js';

const ME = 'Local/8101@agents/n';
let sim: PbxSimulator;
let client: AmiClient;

beforeAll(async () => {
  sim = createPbxSimulator({ clock: 'manual', dynamicMembers: 'manual', members: [{ agent: '8001', answerAfterS: null }] });
  await sim.listen();
  client = new AmiClient({ url: `ami://admin:secret@127.0.0.1:${sim.port}`, reconnectBaseMs: 50 });
  const connected = new Promise<void>((resolve) => client.once('connected', () => resolve()));
  client.start();
  await connected;
});
afterAll(async () => {
  await client?.close();
  await sim?.close();
});
afterEach(() => {
  if (sim.snapshot().members.some((m) => m.interface === ME)) sim.engine.removeMember(ME);
});

const run = (command: Partial<AgentStateCommand>, via: Pick<AmiClient, 'action'> = client, reads: MemberRead[] = []) =>
  runAgentStateCommand(via as AmiClient, 'hotline', { type: 'agent.state', interface: ME, memberName: '李娜', state: 'ready', ...command }, (read) => reads.push(read));
const member = () => sim.snapshot().members.find((m) => m.interface === ME);

describe('agent.state', () => {
  it('logs in, pauses with a reason and logs out, sending only what changes the member', async () => {
    const reads: MemberRead[] = [];
    expect(await run({ state: 'paused', reason: 'meal' }, client, reads)).toEqual({
      ok: true, actions: ['QueueStatus', 'QueueAdd', 'QueueStatus'],
      agent: { interface: ME, isMember: true, state: 'paused', paused: true, pausedReason: 'meal', isOnCall: false, pausedSince: expect.any(Number) },
    });
    // Both replies were handed on for the live state: not a member, then paused.
    expect(reads.map((r) => [r.member?.state ?? null, r.member?.pausedReason ?? null])).toEqual([[null, null], ['paused', 'meal']]);
    expect((await run({ state: 'paused', reason: 'meal' })).actions).toEqual(['QueueStatus']);
    expect(await run({ state: 'paused', reason: 'training' })).toMatchObject({ actions: ['QueueStatus', 'QueuePause', 'QueueStatus'], agent: { pausedReason: 'training' } });
    expect(await run({ state: 'ready' })).toMatchObject({ actions: ['QueueStatus', 'QueuePause', 'QueueStatus'], agent: { state: 'ready', paused: false } });
    expect(await run({ state: 'logged_out' })).toMatchObject({ actions: ['QueueStatus', 'QueueRemove', 'QueueStatus'], agent: { state: 'logged_out', isMember: false } });
    expect(member()).toBeUndefined();
    expect((await run({ state: 'logged_out' })).actions).toEqual(['QueueStatus']);
  });

  it('takes "Already there" as a member and goes on to pause it', async () => {
    sim.engine.addMember({ interface: ME, memberName: '李娜' });
    // A QueueStatus that misses the member, as when it is added between our look and our QueueAdd.
    let first = true;
    const racing = {
      action: (fields: Parameters<AmiClient['action']>[0], options?: Parameters<AmiClient['action']>[1]) => {
        const missed = first && fields.Action === 'QueueStatus';
        first = false;
        return client.action(missed ? { ...fields, Member: 'nobody' } : fields, options);
      },
    };
    const result = await run({ state: 'paused', reason: 'break' }, racing);
    expect(result).toMatchObject({ ok: true, actions: ['QueueStatus', 'QueueAdd', 'QueueStatus', 'QueuePause', 'QueueStatus'], agent: { state: 'paused', pausedReason: 'break' } });
    expect(member()).toMatchObject({ paused: true });
  });

  it('takes "Not there" on QueueRemove as signed out', async () => {
    sim.engine.addMember({ interface: ME, memberName: '李娜' });
    const racing = {
      action: async (fields: Parameters<AmiClient['action']>[0], options?: Parameters<AmiClient['action']>[1]) => {
        if (fields.Action === 'QueueRemove' && member()) sim.engine.removeMember(ME);
        return client.action(fields, options);
      },
    };
    expect(await run({ state: 'logged_out' }, racing)).toMatchObject({ ok: true, agent: { state: 'logged_out', isMember: false } });
  });

  it('refuses to sign out an agent whose phone is taken, and leaves the member in the queue', async () => {
    await run({ state: 'ready' });
    const { linkedid } = sim.placeCall({ hotline: '12345', callerNumber: '13900000001', patienceS: 300 });
    sim.engine.pauseMember('Local/8001@agents/n', true, 'e2e');
    sim.tick(1000);
    sim.answer(ME);
    const refused = await run({ state: 'logged_out' });
    expect(refused).toMatchObject({ ok: false, refused: 'in_call', actions: ['QueueStatus'], agent: { isMember: true, isOnCall: true } });
    expect(member()).toBeDefined();
    sim.hangup(linkedid, 'agent');
    sim.engine.pauseMember('Local/8001@agents/n', false, '');
    expect(await run({ state: 'logged_out' })).toMatchObject({ ok: true, agent: { state: 'logged_out' } });
  });

  it('ends after-call work only while the member is still paused for it', async () => {
    await run({ state: 'paused', reason: 'after_call_work' });
    expect(member()).toMatchObject({ paused: true });
    const end = { state: 'ready', ifPausedReason: 'after_call_work' } as const;
    await run({ state: 'paused', reason: 'meal' });
    expect(await run(end)).toMatchObject({ actions: ['QueueStatus'], agent: { state: 'paused', pausedReason: 'meal' } });
    await run({ state: 'paused', reason: 'after_call_work' });
    expect(await run(end)).toMatchObject({ actions: ['QueueStatus', 'QueuePause', 'QueueStatus'], agent: { state: 'ready' } });
    await run({ state: 'logged_out' });
    expect(await run(end)).toMatchObject({ actions: ['QueueStatus'], agent: { state: 'logged_out' } });
  });

  it('shows after-call work as wrap-up, and passes other PBX refusals on', async () => {
    expect((await run({ state: 'paused', reason: 'after_call_work' })).agent).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work' });
    // A static member (queues.conf) cannot be removed: Asterisk's "Member not dynamic".
    const refusal = runAgentStateCommand(client, 'hotline', { type: 'agent.state', interface: 'Local/8001@agents/n', memberName: 'Agent 8001', state: 'logged_out' });
    await expect(refusal).rejects.toBeInstanceOf(AmiActionError);
    await expect(refusal).rejects.toThrow(/Member not dynamic/);
  });
});
