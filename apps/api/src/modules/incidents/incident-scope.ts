/**
 * Who sees which incident: centre roles see all; a unit's people see the incidents their unit
 * reported or is activated on; anyone else nothing. Applied by every incident query.
 */
import type { Prisma } from '@yixian/db';
import { CENTRE_ROLES } from '@yixian/domain';
import type { Actor } from '../auth/actor.js';

const NOTHING: Prisma.IncidentWhereInput = { id: { in: [] } };

export function isCentreActor(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => CENTRE_ROLES.includes(role));
}

export function incidentScopeWhere(actor: Pick<Actor, 'roles' | 'unitId'>): Prisma.IncidentWhereInput {
  if (isCentreActor(actor)) return {};
  if (!actor.unitId) return NOTHING;
  return { OR: [{ reportingUnitId: actor.unitId }, { activations: { some: { unitId: actor.unitId } } }] };
}
