/**
 * What the schema cannot check: the period's order and that every target and the incident exist.
 * Each refusal is a 400 naming the offending path (`targets.unitIds[2]`), before anything is written.
 */
import type { Prisma } from '@yixian/db';
import { AppError } from '../../lib/app-error.js';
import type { WarningTargets } from './warnings.schemas.js';

const invalid = (field: string, message: string) => new AppError('validation_failed', message, { field });

export function checkPeriod(validFrom: Date, validUntil: Date): void {
  if (validUntil.getTime() <= validFrom.getTime()) throw invalid('validUntil', 'validUntil must be later than validFrom');
}

export async function checkTargets(db: Prisma.TransactionClient, targets: WarningTargets): Promise<void> {
  const unitIds = targets.unitIds ?? [];
  const areaIds = targets.areaIds ?? [];
  const tiers = targets.tiers ?? [];
  if (unitIds.length === 0 && areaIds.length === 0 && tiers.length === 0 && !targets.allGridMembers) {
    throw invalid('targets', 'targets must name at least one unit, street or grid, tier, or all grid workers');
  }
  if (unitIds.length > 0) {
    const found = new Set((await db.unit.findMany({ where: { id: { in: unitIds }, active: true }, select: { id: true } })).map((unit) => unit.id));
    const missing = unitIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw invalid(`targets.unitIds[${missing}]`, `targets.unitIds[${missing}] is not an active unit`);
  }
  if (areaIds.length > 0) {
    const found = new Set((await db.area.findMany({ where: { id: { in: areaIds }, level: { in: ['street', 'grid'] } }, select: { id: true } })).map((area) => area.id));
    const missing = areaIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw invalid(`targets.areaIds[${missing}]`, `targets.areaIds[${missing}] is not a street or grid`);
  }
}

export async function checkIncident(db: Prisma.TransactionClient, incidentId: string | null | undefined): Promise<void> {
  if (!incidentId) return;
  const found = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
  if (!found) throw invalid('incidentId', 'incidentId names no incident');
}
