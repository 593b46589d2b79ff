import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from './helpers/test-app.js';
import { createTicket, randomPhone } from './helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('caller numbers', () => {
  it('are masked in lists and details', async () => {
    const phone = randomPhone();
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', callerNumber: phone });
    const session = await login(t.app, 'demo-agent');
    const detail = await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: session.cookie } });
    expect(detail.json().callerNumber).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    const list = await t.app.inject({ url: '/api/tickets', headers: { cookie: session.cookie } });
    expect(list.body).not.toContain(phone);
  });

  it('are revealed to a permitted role with a reason, and the reveal is audited', async () => {
    const phone = randomPhone();
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', callerNumber: phone });
    const session = await login(t.app, 'demo-grid');
    expect((await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: session.cookie } })).json()).toMatchObject({ mayRevealCaller: true });
    const noReason = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`, headers: session.headers, payload: {} });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ field: 'reason' });
    const revealed = await t.app.inject({
      method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`, headers: session.headers, payload: { reason: 'call back about the repair' },
    });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.json()).toEqual({ callerNumber: phone });
    const audit = await t.prisma.auditLog.findFirstOrThrow({ where: { action: 'personal_data.reveal', resourceId: ticket.id } });
    expect(audit).toMatchObject({ outcome: 'allowed', actorName: 'demo-grid', reason: 'call back about the repair' });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(phone);
  });

  it('of confidential tickets reveal only to the shift lead or commander', async () => {
    const ticket = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', confidential: true });
    const agent = await login(t.app, 'demo-agent');
    const mayReveal = async (cookie: string) => (await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie } })).json<{ mayRevealCaller: boolean }>().mayRevealCaller;
    // The detail says beforehand what the reveal route will answer, so the console offers no button that only fails.
    expect(await mayReveal(agent.cookie)).toBe(false);
    expect(await mayReveal((await login(t.app, 'demo-lead')).cookie)).toBe(true);
    const refused = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`, headers: agent.headers, payload: { reason: 'need to call back' } });
    expect(refused.statusCode).toBe(403);
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.reveal', resourceId: ticket.id, outcome: 'denied' } })).toBe(1);
    const lead = await login(t.app, 'demo-lead');
    const allowed = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`, headers: lead.headers, payload: { reason: 'need to call back' } });
    expect(allowed.statusCode).toBe(200);
  });

  it('cannot be revealed outside the scope', async () => {
    const ticket = await createTicket(t.prisma, { areaId: 's02g01', leadUnitId: 'gt-s02g01' });
    const grid = await login(t.app, 'demo-grid');
    const response = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/reveal-caller`, headers: grid.headers, payload: { reason: 'curious about it' } });
    expect(response.statusCode).toBe(404);
  });
});
