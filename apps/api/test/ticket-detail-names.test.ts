/**
 * The ticket detail names what the console shows: the area with its street, the supporting units,
 * and every unit a trail entry names (a re-dispatch's `fromUnitId` / `toUnitId`) — never only ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let commander: Session;

beforeAll(async () => {
  t = await createTestApp();
  commander = await login(t.app, 'demo-commander');
});
afterAll(async () => t?.close());

describe('ticket detail names', () => {
  it('names the area with its street, the supporting units and the units in trail data', async () => {
    const ticket = await createTicket(t.prisma, { areaId: 's01g03', leadUnitId: 'gt-s01g03', supportingUnitIds: ['dept-environment'] });
    await t.prisma.ticketEvent.create({
      data: {
        ticketId: ticket.id, action: 'redispatch', unitId: 'gt-s01g03', toState: 'dispatched', actorRole: 'dispatcher',
        data: { fromUnitId: 'so-s01', toUnitId: 'gt-s01g03' },
      },
    });
    const response = await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: commander.headers });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{ areaName: string; streetName: string | null; unitNames: Record<string, { name: string }> }>();
    const [grid, street, units] = await Promise.all([
      t.prisma.area.findUniqueOrThrow({ where: { id: 's01g03' } }),
      t.prisma.area.findUniqueOrThrow({ where: { id: 's01' } }),
      t.prisma.unit.findMany({ where: { id: { in: ['gt-s01g03', 'dept-environment', 'so-s01'] } } }),
    ]);
    expect(body.areaName).toBe(grid.name);
    expect(body.streetName).toBe(street.name);
    for (const unit of units) expect(body.unitNames[unit.id]?.name).toBe(unit.name);
  });
});
