import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { createTicket } from './helpers/factories.js';

let t: TestApp;
let owner: pg.Client;
beforeAll(async () => {
  t = await createTestApp();
  owner = new pg.Client({ connectionString: t.ownerUrl });
  await owner.connect();
});
afterAll(async () => {
  await owner?.end();
  await t?.close();
});

describe('append-only tables, enforced by the database', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on the audit log: to the app by its grants, to the owner by the triggers', async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-agent', password: 'wrong' } });
    expect(await t.prisma.auditLog.count()).toBeGreaterThan(0);
    for (const sql of [`UPDATE audit_log SET outcome = 'allowed'`, 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
      await expect(t.prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied for table audit_log/);
      await expect(owner.query(sql), sql).rejects.toThrow(/append-only/);
    }
    expect(await t.prisma.auditLog.count({ where: { outcome: 'allowed' } })).toBe(0);
  });

  it('refuses UPDATE and DELETE on the ticket trail', async () => {
    const ticket = await createTicket(t.prisma);
    await t.prisma.ticketEvent.create({ data: { ticketId: ticket.id, action: 'dispatch', fromState: 'accepted', toState: 'dispatched' } });
    for (const sql of [`UPDATE ticket_event SET reason = 'edited'`, 'DELETE FROM ticket_event']) {
      await expect(t.prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied for table ticket_event/);
      await expect(owner.query(sql), sql).rejects.toThrow(/append-only/);
    }
    expect(await t.prisma.ticketEvent.count({ where: { ticketId: ticket.id } })).toBe(1);
  });

  it("the app's own connection cannot switch the triggers off: no replica mode, no DISABLE TRIGGER", async () => {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'demo-agent', password: 'wrong' } });
    const before = await t.prisma.auditLog.count();
    expect(before).toBeGreaterThan(0);
    // session_replication_role = replica skips ordinary triggers; only a superuser may set it.
    await expect(t.prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SET LOCAL session_replication_role = replica');
      await tx.$executeRawUnsafe('DELETE FROM audit_log');
    })).rejects.toThrow(/permission denied to set parameter "session_replication_role"/);
    // Disabling a trigger, or taking the table over, needs its owner.
    for (const table of ['audit_log', 'ticket_event', 'assessment_scheme_version']) {
      await expect(t.prisma.$executeRawUnsafe(`ALTER TABLE ${table} DISABLE TRIGGER USER`), table).rejects.toThrow(/must be owner/);
      await expect(t.prisma.$executeRawUnsafe(`ALTER TABLE ${table} OWNER TO CURRENT_USER`), table).rejects.toThrow(/must be owner/);
    }
    await expect(t.prisma.$executeRawUnsafe('DROP FUNCTION yixian_refuse_change() CASCADE')).rejects.toThrow(/must be owner/);
    expect(await t.prisma.auditLog.count()).toBe(before);
  });
});
