import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('append-only tables, enforced by the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the audit log', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-agent', password: 'wrong' } });
    expect(await t.prisma.auditLog.count()).toBeGreaterThan(0);
    await expect(t.prisma.$executeRawUnsafe(`UPDATE audit_log SET outcome = 'allowed'`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    expect(await t.prisma.auditLog.count({ where: { outcome: 'allowed' } })).toBe(0);
  });

  it('refuses UPDATE and DELETE on the ticket trail', async () => {
    const ticket = await createTicket(t.prisma);
    await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched' } });
    await expect(t.prisma.$executeRawUnsafe(`UPDATE ticket_event SET reason = 'edited'`)).rejects.toThrow(/append-only/);
    await expect(t.prisma.$executeRawUnsafe('DELETE FROM ticket_event')).rejects.toThrow(/append-only/);
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(1);
  });
});
