/**
 * The shift lead's hand on an agent, on a real Asterisk 22: a forced pause shows in QueueStatus
 * and queue_log as a pause with the lead's reason; a forced sign-out is refused during a call and
 * otherwise removes the member (queue_log REMOVEMEMBER).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField, type AmiMessage } from '@yixian/ami';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { agentInterface, eventually, startLive, type Live } from './live-harness.js';

let live: Live;
let agent: Session;
let lead: Session;
let agentId: string;
const AGENT = agentInterface('8101'); // demo-agent's phone

beforeAll(async () => {
  live = await startLive();
  agent = await live.login('demo-agent');
  lead = await live.login('demo-lead');
  agentId = (await live.t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } })).id;
  await live.scriptAgent('8101', { ring: 1, talk: 3600 });
});
afterAll(async () => {
  await live?.close();
});

const setState = (body: object) => live.t.app.inject({ method: 'POST', url: '/api/agents/me/state', headers: agent.headers, payload: body });
const force = (body: object) => live.t.app.inject({ method: 'POST', url: `/api/agents/${agentId}/state`, headers: lead.headers, payload: body });
async function member(): Promise<AmiMessage | null> {
  const status = await live.ami.action({ Action: 'QueueStatus', Queue: 'hotline', Member: AGENT });
  return status.items.find((item) => item.event === 'QueueMember') ?? null;
}
const queueLogEvents = async () =>
  (await live.accounting.pool.query<{ event: string; data1: string }>(`SELECT event, data1 FROM queue_log WHERE queuename = 'hotline' AND agent = $1 ORDER BY id`, ['话务员 李娜'])).rows;

describe('the shift lead forces an agent’s state on the PBX', () => {
  it('pauses with the lead’s reason: QueueStatus and queue_log say so', async () => {
    expect((await setState({ state: 'ready' })).statusCode).toBe(200);
    const paused = await force({ state: 'paused', reason: 'meeting', note: '班组会' });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ state: 'paused', pausedReason: 'meeting', forcedBy: { byName: '值班长 王强' } });
    const m = await member();
    expect([getField(m!, 'Paused'), getField(m!, 'PausedReason')]).toEqual(['1', 'meeting']);
    const events = await eventually(queueLogEvents, (rows) => rows.some((row) => row.event === 'PAUSE' && row.data1 === 'meeting'), 'queue_log PAUSE meeting');
    expect(events.filter((row) => row.event === 'PAUSE').at(-1)?.data1).toBe('meeting');
  });

  it('refuses a sign-out during a call, then signs the agent out: the member is gone', async () => {
    expect((await setState({ state: 'ready' })).statusCode).toBe(200);
    const linkedid = await live.placeCall({ did: '12345', number: '13500000031', patience: 600 });
    await live.callWhen(linkedid, (c) => c.state === 'answered', 'answered by demo-agent');
    const refused = await force({ state: 'logged_out', reason: 'training' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ details: { reason: 'agent_in_call' } });
    expect(await member()).not.toBeNull();
    await live.hangupCall(linkedid);
    await live.callWhen(linkedid, (c) => c.endedAt !== null, 'the call ended');
    const out = await force({ state: 'logged_out', reason: 'training', note: '参加培训' });
    expect(out.statusCode, out.body).toBe(200);
    expect(await member()).toBeNull();
    await eventually(queueLogEvents, (rows) => rows.some((row) => row.event === 'REMOVEMEMBER'), 'queue_log REMOVEMEMBER');
    const audit = await live.t.prisma.auditLog.findMany({ where: { action: 'agent.force_state' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.outcome, (a.details as { state: string }).state])).toEqual([['allowed', 'paused'], ['failed', 'logged_out'], ['allowed', 'logged_out']]);
  });
});
