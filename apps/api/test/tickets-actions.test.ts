/**
 * Lifecycle refusals through HTTP: illegal transitions (409 with the allowed actions), wrong
 * role (403), other unit (403), outside scope (404), bad bodies (400) — each leaving the ticket
 * and its trail untouched — plus a state × action matrix for representative states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { act, intake, loginAll, trailActions, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-dispatcher', 'demo-grid', 'demo-street', 'demo-dept']);
});
afterAll(async () => t?.close());

async function dispatchedToGrid(): Promise<string> {
  const r = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title: '噪音', description: '夜间噪音', dispatch: true });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().ticket.id as string;
}

async function snapshot(id: string) {
  const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id } });
  return { state: ticket.state, version: ticket.deadlineVersion, events: await t.prisma.ticketEvent.count({ where: { ticketId: id } }) };
}

async function expectRefused(id: string, user: string, action: string, body: Record<string, unknown>, status: number, field?: string) {
  const before = await snapshot(id);
  const r = await act(t, s[user]!, id, action, body);
  expect(r.statusCode, `${user} ${action}: ${r.body}`).toBe(status);
  if (field) expect(r.json().field).toBe(field);
  expect(await snapshot(id)).toEqual(before);
  return r.json();
}

describe('refusals write nothing', () => {
  it('illegal transition → 409 listing the allowed actions', async () => {
    const id = await dispatchedToGrid();
    const error = await expectRefused(id, 'demo-agent', 'close', {}, 409);
    expect(error.details.allowed).toEqual(['merge', 'remind']);
  });

  it('wrong role → 403; another unit → 403; outside scope → 404', async () => {
    const id = await dispatchedToGrid();
    await expectRefused(id, 'demo-agent', 'sign', {}, 403);
    await expectRefused(id, 'demo-street', 'sign', {}, 403);
    await expectRefused(id, 'demo-dept', 'sign', {}, 404);
  });

  it('reply without content, bad return reason, merge into itself or a closed ticket', async () => {
    const id = await dispatchedToGrid();
    await act(t, s['demo-grid']!, id, 'sign');
    await expectRefused(id, 'demo-grid', 'reply', { content: '   ' }, 400, 'content');
    await expectRefused(id, 'demo-grid', 'reply', {}, 400, 'content');
    await expectRefused(id, 'demo-grid', 'return', { reasonCode: 'bored', note: 'x' }, 400, 'reasonCode');
    await expectRefused(id, 'demo-agent', 'merge', { intoTicketId: id }, 400, 'intoTicketId');
    const done = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', title: 'x', description: 'y', closeAtIntake: { answer: 'ok' } });
    await expectRefused(id, 'demo-agent', 'merge', { intoTicketId: done.json().ticket.id }, 409, 'intoTicketId');
  });

  it('a reply written against an older view (expectedChangeId) is refused when the ticket changed since, not for a reminder', async () => {
    const id = await dispatchedToGrid();
    const signed = await act(t, s['demo-grid']!, id, 'sign');
    const seen = signed.json().lastChangeId as string;
    expect(seen).toMatch(/^[0-9]+$/);
    // A reminder and a 督办 in between leave the ticket as the worker saw it: the reply is not refused for them.
    await act(t, s['demo-dispatcher']!, id, 'remind', { note: '请尽快' });
    const reminded = await t.app.inject({ url: `/api/tickets/${id}`, headers: s['demo-grid']!.headers });
    expect(reminded.json().lastChangeId).toBe(seen);
    await expectRefused(id, 'demo-grid', 'reply', { content: '已处理', expectedChangeId: 'yesterday' }, 400, 'expectedChangeId');
    // The worker returns it and the desk sends it back: a reply written before that is refused, with the state now.
    await act(t, s['demo-grid']!, id, 'return', { reasonCode: 'wrong_location', note: '不属本网格' });
    const back = await act(t, s['demo-dispatcher']!, id, 'dispatch', { unitId: 'gt-s01g01' });
    expect(back.statusCode, back.body).toBe(200);
    await act(t, s['demo-grid']!, id, 'sign');
    const error = await expectRefused(id, 'demo-grid', 'reply', { content: '已处理', expectedChangeId: seen }, 409, 'expectedChangeId');
    expect(error.details).toMatchObject({ state: 'signed', action: 'reply', changed: true });
    const replied = await act(t, s['demo-grid']!, id, 'reply', { content: '已处理', expectedChangeId: error.details.lastChangeId });
    expect(replied.statusCode, replied.body).toBe(200);
  });

  it('a reply sent again under the same Idempotency-Key (its answer lost) is answered, not applied twice', async () => {
    const id = await dispatchedToGrid();
    await act(t, s['demo-grid']!, id, 'sign');
    const send = (body: Record<string, unknown>, key = 'phone-reply-0001') =>
      t.app.inject({ method: 'POST', url: `/api/tickets/${id}/reply`, headers: { ...s['demo-grid']!.headers, 'idempotency-key': key }, payload: body });
    const first = await send({ content: '已处理' });
    expect(first.statusCode, first.body).toBe(200);
    const again = await send({ content: '已处理' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().state).toBe('replied');
    expect((await trailActions(t.prisma, id)).filter((action) => action === 'reply')).toHaveLength(1);
    // The key reused for another request is refused, naming the header.
    const reused = await send({ content: '别的内容' });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().field).toBe('Idempotency-Key');
    const bad = await send({ content: '已处理' }, 'no spaces allowed');
    expect(bad.statusCode).toBe(400);
  });

  it('extension: once, before the deadline, approved by the desk', async () => {
    const id = await dispatchedToGrid();
    await act(t, s['demo-grid']!, id, 'sign');
    await expectRefused(id, 'demo-grid', 'request-extension', { days: 6, reason: 'x' }, 400, 'days');
    await expectRefused(id, 'demo-dispatcher', 'approve-extension', { approve: true }, 409, 'approve');
    const asked = await act(t, s['demo-grid']!, id, 'request-extension', { days: 3, reason: '需协调物业' });
    expect(asked.statusCode, asked.body).toBe(200);
    await expectRefused(id, 'demo-grid', 'request-extension', { days: 2, reason: 'again' }, 409, 'days');
    const due = (await t.prisma.ticket.findUniqueOrThrow({ where: { id } })).handleDueAt!;
    const approved = await act(t, s['demo-dispatcher']!, id, 'approve-extension', { approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(new Date(approved.json().handleDueAt).getTime()).toBeGreaterThan(due.getTime());
    expect(approved.json().extensionCount).toBe(1);
    await expectRefused(id, 'demo-grid', 'request-extension', { days: 1, reason: 'third' }, 409, 'days');
  });

  it('extension after the deadline is refused', async () => {
    const id = await dispatchedToGrid();
    await act(t, s['demo-grid']!, id, 'sign');
    // Moving the clock past the deadline would also end the sessions' idle time: move the deadline instead.
    await t.prisma.ticket.update({ where: { id }, data: { handleDueAt: new Date(t.clock.now().getTime() - 60_000) } });
    await expectRefused(id, 'demo-grid', 'request-extension', { days: 2, reason: 'late' }, 409, 'days');
  });

  it('a rejected return goes back to the same unit and is marked wrongful', async () => {
    const id = await dispatchedToGrid();
    await act(t, s['demo-grid']!, id, 'return', { reasonCode: 'not_our_remit', note: '不归我管' });
    const ruled = await act(t, s['demo-dispatcher']!, id, 'dispatch', { ruling: 'reject' });
    expect(ruled.json()).toMatchObject({ state: 'dispatched', leadUnitId: 'gt-s01g01' });
    expect(ruled.json().trail.at(-1).data).toMatchObject({ ruling: 'reject', wrongful: true });
  });

  it('merges a duplicate and links both trails', async () => {
    const a = await dispatchedToGrid();
    const b = await dispatchedToGrid();
    const merged = await act(t, s['demo-agent']!, b, 'merge', { intoTicketId: a });
    expect(merged.json()).toMatchObject({ state: 'merged', mergedIntoId: a });
    const target = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: a, action: 'merge' } });
    expect(target.data).toMatchObject({ mergedTicketId: b });
  });
});

describe('state × action matrix through HTTP (dispatcher and grid member)', () => {
  const ACTIONS = ['dispatch', 'sign', 'start', 'reply', 'follow-up', 'close', 'remind', 'supervise'];
  const BODIES: Record<string, Record<string, unknown>> = { reply: { content: 'done' }, 'follow-up': { verdict: 'satisfied' } };
  // Expected status for [dispatcher, grid member] in each state: 200 allowed, 409 illegal in this state, 403 the role
  // may not take the action here (or, when the role can never take it, the route refuses before the machine).
  const EXPECTED: Record<string, Record<string, [number, number]>> = {
    dispatched: { dispatch: [200, 403], sign: [403, 200], start: [403, 409], reply: [403, 409], 'follow-up': [409, 403], close: [409, 403], remind: [200, 403], supervise: [200, 403] },
    signed: { dispatch: [409, 403], sign: [403, 409], start: [403, 200], reply: [403, 200], 'follow-up': [409, 403], close: [409, 403], remind: [200, 403], supervise: [200, 403] },
    replied: { dispatch: [409, 403], sign: [403, 409], start: [403, 409], reply: [403, 409], 'follow-up': [200, 403], close: [200, 403], remind: [200, 403], supervise: [200, 403] },
  };
  async function ticketIn(state: string): Promise<string> {
    const id = await dispatchedToGrid();
    if (state !== 'dispatched') await act(t, s['demo-grid']!, id, 'sign');
    if (state === 'replied') await act(t, s['demo-grid']!, id, 'reply', { content: '已处理' });
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id } })).state).toBe(state);
    return id;
  }
  for (const state of Object.keys(EXPECTED)) {
    it(state, async () => {
      for (const action of ACTIONS) {
        for (const [index, user] of (['demo-dispatcher', 'demo-grid'] as const).entries()) {
          const id = await ticketIn(state);
          const r = await act(t, s[user]!, id, action, BODIES[action] ?? {});
          expect(r.statusCode, `${state} ${action} ${user}: ${r.body}`).toBe(EXPECTED[state]![action]![index]);
        }
      }
    });
  }
});
