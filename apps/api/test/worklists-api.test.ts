/**
 * The agents' worklists against the simulator behind the real bridge: a missed call is called back
 * from the agent's phone presenting the hotline, the PBX's outcome lands on the attempt by itself,
 * the case leaves the list when reached or after the configured failed attempts; follow-ups list
 * replied tickets with their unit and reply. No number in any answer, job or event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket, randomPhone } from './helpers/factories.js';
import { createTestApp, login, TEST_START, type Session, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';

let t: TestApp;
let pbx: TelephonyHarness;
let agent: Session;
const frames: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ AGENT_INTERFACE_TEMPLATE: 'Local/{extension}@agents/n', PBX_ID: 'pbx1', CALLBACK_MAX_ATTEMPTS: '2', CALLBACK_RETRY_MINUTES: '0' });
  pbx = await startTelephony(t, { startTime: TEST_START.getTime() });
  pbx.bridge.client.on('event', (message) => frames.push(JSON.stringify(message.fields)));
  agent = await login(t.app, 'demo-agent');
});
afterAll(async () => {
  await pbx?.close();
  await t?.close();
});

const post = (url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: agent.headers, payload });
const get = (url: string) => t.app.inject({ url, headers: { cookie: agent.cookie } });
const tick = (seconds: number) => { for (let i = 0; i < seconds; i++) pbx.sim.tick(1000); };
const missed = async () => (await get('/api/worklists/missed-calls')).json().items as { callId: string; callerNumber: string; attempts: number; hotlineName: string | null; canDial: boolean }[];

/** Waits until the attempt carries the PBX's result, driving the simulator's clock. */
async function pbxResultOf(id: string, seconds = 40): Promise<{ pbxResult: string; result: string; pbxDetail: string | null }> {
  for (let i = 0; i < seconds * 4; i++) {
    const attempt = (await get(`/api/worklists/attempts/${id}`)).json();
    if (attempt.pbxResult) return attempt;
    pbx.sim.tick(250);
    await pbx.bridge.drained();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  throw new Error(`attempt ${id} got no PBX result`);
}

async function abandonedCall(number: string) {
  const { linkedid } = pbx.sim.placeCall({ hotline: '12369', callerNumber: number, patienceS: 2 });
  tick(3);
  await pbx.processed('call.abandoned', linkedid);
  return (await get(`/api/calls/${linkedid}`)).json() as { id: string };
}

describe('missed-call worklist', () => {
  const number = randomPhone();

  it('lists an abandoned call with its hotline name and a masked number', async () => {
    const call = await abandonedCall(number);
    const row = (await missed()).find((c) => c.callId === call.id);
    expect(row).toMatchObject({ hotlineName: expect.any(String), attempts: 0, canDial: true });
    expect(row!.callerNumber).not.toBe(number);
    expect(JSON.stringify(await missed())).not.toContain(number);
  });

  it('calls back from the agent’s phone presenting the hotline; answered, the case leaves the list', async () => {
    const call = (await missed()).find((c) => c.callerNumber.endsWith(number.slice(-4)))!;
    const started = await post(`/api/worklists/calls/${call.callId}/callout`);
    expect(started.statusCode).toBe(201);
    expect(started.json()).toMatchObject({ purpose: 'callback', hotlineNumber: '12369', result: null });
    // While it rings, a second call-out of the same case is refused.
    expect((await post(`/api/worklists/calls/${call.callId}/callout`)).statusCode).toBe(409);
    const attempt = await pbxResultOf(started.json().id);
    expect(attempt).toMatchObject({ pbxResult: 'answered', result: 'answered', pbxDetail: 'ANSWER' });
    const dial = frames.map((f) => JSON.parse(f)).find((f) => f.Event === 'DialEnd' && f.Uniqueid === `yxcb-${started.json().id}`);
    expect(dial).toMatchObject({ Channel: expect.stringMatching(/^Local\/8101@agents\/n-/), DestCallerIDNum: '12369', DialStatus: 'ANSWER' });
    expect((await missed()).some((c) => c.callId === call.callId)).toBe(false);
    const audit = await t.prisma.auditLog.findMany({ where: { action: 'personal_data.callout', resourceId: call.callId } });
    expect(audit).toHaveLength(1);
    // No job on the bridge's queue carried the number.
    const keys = await t.app.redis.keys(`${t.redisPrefix}*`);
    for (const key of keys.filter((k) => k.includes('pbx-commands'))) {
      const type = await t.app.redis.type(key);
      if (type === 'hash') expect(JSON.stringify(await t.app.redis.hgetall(key))).not.toContain(number);
    }
  });

  it('records no answer and busy, and drops the case after the configured failed attempts', async () => {
    const silent = `139${1000 + Math.floor(Math.random() * 9000)}0000`;
    const call = await abandonedCall(silent);
    const first = (await post(`/api/worklists/calls/${call.id}/callout`)).json();
    expect(await pbxResultOf(first.id)).toMatchObject({ pbxResult: 'no_answer', pbxDetail: 'NOANSWER' });
    expect((await missed()).find((c) => c.callId === call.id)).toMatchObject({ attempts: 1 });
    const recorded = await post(`/api/worklists/attempts/${first.id}/result`, { result: 'busy', note: '占线' });
    expect(recorded.json()).toMatchObject({ result: 'busy', note: '占线', pbxResult: 'no_answer' });
    const second = (await post(`/api/worklists/calls/${call.id}/callout`)).json();
    await pbxResultOf(second.id);
    expect((await missed()).some((c) => c.callId === call.id)).toBe(false);
    expect((await post(`/api/worklists/calls/${call.id}/callout`)).statusCode).toBe(409);
  });

  it('refuses a bad result with the field named, and another agent’s attempt as unknown', async () => {
    const attempt = await t.prisma.callbackAttempt.findFirstOrThrow();
    const bad = await post(`/api/worklists/attempts/${attempt.id}/result`, { result: 'maybe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/result/);
    const other = await login(t.app, 'demo-dispatcher');
    expect((await t.app.inject({ url: `/api/worklists/attempts/${attempt.id}`, headers: { cookie: other.cookie } })).statusCode).toBe(403);
  });
});

describe('follow-up worklist', () => {
  it('lists a replied ticket with its unit name and reply, due first, and calls the citizen', async () => {
    const unit = await t.prisma.unit.findFirstOrThrow({ where: { type: { not: 'grid' } } });
    const ticket = await createTicket(t.prisma, { state: 'replied', leadUnitId: unit.id });
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { hotlineNumber: '12345', repliedAt: TEST_START, followUpDueAt: new Date(TEST_START.getTime() - 3600_000) } });
    await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'reply', fromState: 'in_progress', toState: 'replied', data: { content: '已协调物业处理噪音' } } });
    const list = (await get('/api/worklists/follow-ups')).json();
    expect(list.rules).toEqual({ maxAttempts: 2, retryMinutes: 0, windowDays: 7 });
    const row = list.items.find((c: { ticketId: string }) => c.ticketId === ticket.id);
    expect(row).toMatchObject({ code: ticket.code, unitName: unit.name, replySummary: '已协调物业处理噪音', canDial: true });
    expect(list.items[0].ticketId).toBe(ticket.id);
    const started = (await post(`/api/worklists/tickets/${ticket.id}/callout`)).json();
    expect(started).toMatchObject({ purpose: 'follow_up', hotlineNumber: '12345' });
    expect(await pbxResultOf(started.id)).toMatchObject({ pbxResult: 'answered' });
    // Reached, it stays until the verdict is recorded.
    expect((await get('/api/worklists/follow-ups')).json().items.some((c: { ticketId: string }) => c.ticketId === ticket.id)).toBe(true);
  });
  it('keeps a ticket whose attempts ran out on the list, marked exhausted, until it is closed as unreachable', async () => {
    const ticket = await createTicket(t.prisma, { state: 'replied', leadUnitId: 'gt-s01g01' });
    await t.prisma.ticket.update({ where: { id: ticket.id }, data: { repliedAt: TEST_START, followUpDueAt: TEST_START } });
    const me = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-agent' } });
    for (const minutes of [0, 5]) {
      await t.prisma.callbackAttempt.create({
        data: { purpose: 'follow_up', ticketId: ticket.id, agentUserId: me.id, startedAt: new Date(TEST_START.getTime() + minutes * 60_000), pbxResult: 'no_answer', result: 'no_answer' },
      });
    }
    const rowOf = async () => ((await get('/api/worklists/follow-ups')).json().items as { ticketId: string; isExhausted: boolean; failedAttempts: number }[])
      .find((row) => row.ticketId === ticket.id);
    expect(await rowOf()).toMatchObject({ isExhausted: true, failedAttempts: 2 });
    // No third call: the rules allow two.
    expect((await post(`/api/worklists/tickets/${ticket.id}/callout`)).statusCode).toBe(409);
    const followed = await post(`/api/tickets/${ticket.id}/follow-up`, { verdict: 'unreachable', note: '两次回访未接通' });
    expect(followed.statusCode, followed.body).toBe(200);
    const closed = await post(`/api/tickets/${ticket.id}/close`, { verdict: 'unreachable' });
    expect(closed.json()).toMatchObject({ state: 'closed', verdict: 'unreachable' });
    expect(await rowOf()).toBeUndefined();
  });
});
