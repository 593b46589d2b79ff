/**
 * `POST /api/tickets` under an `Idempotency-Key` on real PostgreSQL: a retry (the answer lost to a
 * 502 when an API copy died) gets the first ticket, dispatch and notification once; two copies at
 * once file one ticket; the key is per account, bound to its body, and written with the ticket or
 * not at all; a malformed key is a 400 naming the header; without a key nothing changes.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_KEY_SCOPE } from '../src/modules/tickets/create-ticket-once.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { loginAll, trailActions, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
let at: { lat: number; lng: number };
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-dispatcher', 'demo-lead', 'demo-grid']);
  const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
  at = { lat: grid.centroidLat!, lng: grid.centroidLng! };
});
afterAll(async () => t?.close());

/** A web intake dispatched at once: a second copy would show as a second dispatch and notification. */
const dispatched = (extra: Record<string, unknown> = {}) => ({
  channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title: '夜间施工噪音', description: '工地夜间施工，噪音扰民', dispatch: true, ...extra,
});
const file = (user: string, body: Record<string, unknown>, key: string | null) => t.app.inject({
  method: 'POST', url: '/api/tickets', headers: { ...s[user]!.headers, ...(key === null ? {} : { 'idempotency-key': key }) }, payload: body,
});
const counts = async () => ({
  tickets: await t.prisma.ticket.count(), events: await t.prisma.ticketEvent.count(), notifications: await t.prisma.notification.count(),
  outbox: await t.prisma.outbox.count(), keys: await t.prisma.idempotencyKey.count(),
});

describe('POST /api/tickets with an Idempotency-Key', () => {
  it('answers a retry with the first ticket and writes nothing more: no second trail entry, dispatch or notification', async () => {
    const key = randomUUID();
    const body = dispatched();
    const first = await file('demo-agent', body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ replayed: false, ticket: { state: 'dispatched' } });
    const before = await counts();
    // The same body with its fields in another order is the same request.
    const { dispatch, ...rest } = body;
    const retry = await file('demo-agent', { dispatch, ...rest }, key);
    expect(retry.statusCode, retry.body).toBe(201);
    const { ticket } = first.json();
    expect(retry.json()).toMatchObject({
      replayed: true, ticket: { id: ticket.id, code: ticket.code, state: 'dispatched' }, classification: first.json().classification,
    });
    expect(retry.json().ticket.trail).toEqual(ticket.trail);
    expect(await counts()).toEqual(before);
    expect(await trailActions(t.prisma, ticket.id)).toEqual(['create', 'dispatch']);
    expect(await t.prisma.notification.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it('files one ticket when copies with the same key arrive at once', async () => {
    const key = randomUUID();
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 3 }, () => file('demo-agent', dispatched(), key)));
    expect(answers.map((r) => r.statusCode), answers.map((r) => r.body).join('\n')).toEqual([201, 201, 201]);
    const ids = new Set(answers.map((r) => r.json().ticket.id as string));
    expect(ids.size).toBe(1);
    expect(new Set(answers.map((r) => r.json().ticket.code)).size).toBe(1);
    expect(answers.map((r) => r.json().replayed).sort()).toEqual([false, true, true]);
    const [id] = [...ids];
    expect((await counts()).tickets).toBe(before.tickets + 1);
    expect(await trailActions(t.prisma, id!)).toEqual(['create', 'dispatch']);
    expect(await t.prisma.notification.count({ where: { ticketId: id! } })).toBe(1);
    expect(await t.prisma.idempotencyKey.findMany({ where: { key }, select: { scope: true, resourceId: true } })).toEqual([{ scope: INTAKE_KEY_SCOPE, resourceId: id }]);
  });

  it('is per account: another account\'s same key files its own ticket and learns nothing of the first', async () => {
    const key = randomUUID();
    const mine = await file('demo-agent', dispatched(), key);
    expect(mine.statusCode, mine.body).toBe(201);
    // The same request under the same key from another account is its own intake, not a replay.
    const same = await file('demo-dispatcher', dispatched(), key);
    expect(same.statusCode, same.body).toBe(201);
    expect(same.json().replayed).toBe(false);
    expect(same.json().ticket.id).not.toBe(mine.json().ticket.id);
    // Another body under the same key: not the 409 that would name the first ticket, but a new ticket
    // (elsewhere, so that the duplicate suggestions do not list the first by its place).
    const other = await file('demo-lead', dispatched({ title: '另一件事', areaId: 's03' }), key);
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().replayed).toBe(false);
    expect(other.body).not.toContain(mine.json().ticket.id);
    expect(await t.prisma.idempotencyKey.count({ where: { key } })).toBe(3);
  });

  it('refuses the same key with a different body (409 naming the header), writing nothing', async () => {
    const key = randomUUID();
    expect((await file('demo-agent', dispatched(), key)).statusCode).toBe(201);
    const before = await counts();
    const other = await file('demo-agent', dispatched({ description: '另一处：垃圾堆放' }), key);
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({ code: 'conflict', field: 'Idempotency-Key' });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['too short', 'short'],
    ['with spaces', 'no spaces allowed'],
    ['too long', 'k'.repeat(129)],
    ['empty', ''],
  ])('refuses a malformed key (%s) with a 400 naming the header, writing nothing', async (_label, key) => {
    const before = await counts();
    const response = await file('demo-agent', dispatched(), key);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field: 'idempotency-key' });
    expect(await counts()).toEqual(before);
  });

  it('keeps no key of an intake refused inside its transaction (nothing half-written)', async () => {
    const key = randomUUID();
    const before = await counts();
    // A grid member may report but not answer at intake: refused after the key and the ticket were written.
    const refused = await file('demo-grid', { channel: 'mobile', categoryId: 'env.noise', title: '噪音', description: '夜间施工', ...at, closeAtIntake: { answer: '已答复' } }, key);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(await counts()).toEqual(before);
    // The key is free: the corrected report is filed under it.
    const taken = await file('demo-grid', { channel: 'mobile', categoryId: 'env.noise', title: '噪音', description: '夜间施工', ...at }, key);
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json()).toMatchObject({ replayed: false, ticket: { state: 'accepted' } });
    expect(await t.prisma.idempotencyKey.count({ where: { key } })).toBe(1);
  });

  it('files every request without a key, keeping no key', async () => {
    const before = await counts();
    const answers = [await file('demo-agent', dispatched(), null), await file('demo-agent', dispatched(), null)];
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(answers.map((r) => r.json().replayed)).toEqual([false, false]);
    expect(answers[0]!.json().ticket.id).not.toBe(answers[1]!.json().ticket.id);
    const after = await counts();
    expect([after.tickets, after.keys]).toEqual([before.tickets + 2, before.keys]);
  });
});
