/** Routing through the grid and escalation one level up (the sign-for timeout path D's job takes). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalateTicket } from '../src/modules/routing/escalate-ticket.js';
import { routeTicket } from '../src/modules/routing/route-ticket.js';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { intake, loginAll, trailActions, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent']);
});
afterAll(async () => t?.close());

describe('routeTicket', () => {
  it('settles at the lowest level the category and place allow', async () => {
    const p = t.prisma;
    expect(await routeTicket(p, { categoryId: 'env.noise', areaPath: '/wangcheng/s02/s02g03' })).toEqual({ unitId: 'gt-s02g03', level: 'grid' });
    expect(await routeTicket(p, { categoryId: 'env.noise', areaPath: '/wangcheng/s02' })).toEqual({ unitId: 'so-s02', level: 'street' });
    expect(await routeTicket(p, { categoryId: 'city.streetlight', areaPath: '/wangcheng/s02/s02g03' })).toEqual({ unitId: 'so-s02', level: 'street' });
    expect(await routeTicket(p, { categoryId: 'env.air', areaPath: '/wangcheng/s02/s02g03' })).toEqual({ unitId: 'dept-environment', level: 'district' });
    expect(await routeTicket(p, { categoryId: 'env.noise', areaPath: null })).toEqual({ unitId: 'dept-environment', level: 'district' });
  });
});

describe('escalateTicket (sign-for timeout)', () => {
  it('climbs grid team → street office → department, then stops', async () => {
    const r = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's03g02', title: '噪音', description: '夜间噪音', dispatch: true });
    const id = r.json().ticket.id as string;
    const step = async () => t.prisma.$transaction(async (tx) => {
      const ticket = await tx.ticket.findUniqueOrThrow({ where: { id } });
      return escalateTicket(tx, ticket, 'sign_timeout', t.clock.now());
    });
    expect(await step()).toMatchObject({ leadUnitId: 'so-s03', level: 'street', state: 'dispatched' });
    expect(await step()).toMatchObject({ leadUnitId: 'dept-environment', level: 'district' });
    expect(await step()).toBeNull();
    expect(await trailActions(t.prisma, id)).toEqual(['create', 'dispatch', 'escalate', 'escalate', 'escalate']);
    const last = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: id }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ actorId: null, actorRole: 'system', reason: 'sign_timeout', data: { escalated: false } });
    expect(await t.prisma.notification.count({ where: { ticketId: id, kind: 'dispatch' } })).toBe(3);
  });
});
