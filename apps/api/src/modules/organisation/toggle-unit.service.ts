/**
 * Disabling and enabling a unit. A disabled unit keeps its name in history and takes no new
 * tickets (routing and dispatch skip it). What a real administrator needs before pulling a unit:
 * - still the default unit of categories → refused (409 `unit_in_use`): routing would have
 *   nowhere to send them, so they must first go to another unit;
 * - open tickets, active accounts or active sub-units → 409 `confirmation_required` with the
 *   counts; sent again with `confirm: true` it goes ahead. The accounts stay active so their
 *   people can finish the open tickets; a dispatcher re-routes what must move. The counts are
 *   kept in the audit row's summary.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TERMINAL_TICKET_STATES, USER_STATUSES } from '@yixian/domain';
import { AppError } from '../../lib/app-error.js';
import { recordChange } from '../config-changes/record-change.js';
import { staleEdit } from '../config-changes/stale-edit.js';
import { POLICE_DESK_UNIT_ID } from '../routing/route-ticket.js';
import { findUnitView, type UnitView } from './unit-view.js';

export interface ToggleUnitInput {
  version: number;
  confirm?: boolean;
  reason?: string;
}

export async function setUnitActive(
  app: FastifyInstance, request: FastifyRequest, id: string, active: boolean, input: ToggleUnitInput,
): Promise<UnitView> {
  const at = app.clock.now();
  const view = await app.prisma.$transaction(async (tx) => {
    const before = await findUnitView(tx, id);
    if (!before) throw new AppError('not_found', 'No such unit', { field: 'id' });
    if (before.version !== input.version) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion: input.version, current: before });
    if (before.active === active) {
      throw new AppError('conflict', `The unit is already ${active ? 'active' : 'disabled'}`, { details: { reason: active ? 'already_active' : 'already_disabled' } });
    }
    let summary: Record<string, number> = {};
    if (!active) {
      if (id === POLICE_DESK_UNIT_ID) throw new AppError('conflict', 'The police desk takes every police-type ticket and cannot be disabled', { details: { reason: 'police_desk' } });
      if (before.categoryIds.length > 0) {
        throw new AppError('conflict', `The unit still handles ${before.categoryIds.length} categories: give them to another unit first`, {
          details: { reason: 'unit_in_use', categories: before.categoryIds.length, categoryIds: before.categoryIds },
        });
      }
      const [openTickets, activeAccounts, activeChildren] = await Promise.all([
        tx.ticket.count({ where: { leadUnitId: id, state: { notIn: [...TERMINAL_TICKET_STATES] } } }),
        tx.user.count({ where: { unitId: id, status: { not: USER_STATUSES.disabled } } }),
        tx.unit.count({ where: { parentId: id, active: true } }),
      ]);
      summary = { openTickets, activeAccounts, activeChildren };
      if (openTickets + activeAccounts + activeChildren > 0 && input.confirm !== true) {
        throw new AppError('conflict', `The unit has ${openTickets} open tickets, ${activeAccounts} active accounts and ${activeChildren} active sub-units: send confirm to disable it anyway`, {
          details: { reason: 'confirmation_required', ...summary },
        });
      }
    }
    const { count } = await tx.unit.updateMany({ where: { id, version: input.version }, data: { active, version: { increment: 1 } } });
    if (count === 0) throw await staleEdit(tx, { resource: 'unit', resourceId: id, sentVersion: input.version, current: await findUnitView(tx, id) });
    const after = (await findUnitView(tx, id))!;
    await recordChange(tx, request, at, {
      act: active ? 'enable' : 'disable', resource: 'unit', resourceId: id, version: after.version, before, after,
      reason: input.reason ?? null, summary,
    });
    return after;
  });
  await app.configChanged(['units']);
  return view;
}
