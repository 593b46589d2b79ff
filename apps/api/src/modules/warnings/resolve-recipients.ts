/**
 * A warning's targets → the recipients of one revision: units by id; a street or grid → the active
 * units placed there (its street office, its grid team); a tier → every active unit of that linkage
 * tier; all grid workers → every active account with the grid_member role (as users). One row per
 * recipient key, however many targets name it.
 */
import type { Prisma } from '@yixian/db';
import { ROLES } from '@yixian/domain';
import type { WarningTargets } from './warnings.schemas.js';

export interface ResolvedRecipient {
  recipientKey: string;
  unitId: string | null;
  userId: string | null;
}

export async function resolveRecipients(db: Prisma.TransactionClient, targets: WarningTargets): Promise<ResolvedRecipient[]> {
  const unitIds = new Set<string>(targets.unitIds ?? []);
  const or: Prisma.UnitWhereInput[] = [];
  if (targets.areaIds?.length) or.push({ areaId: { in: targets.areaIds } });
  if (targets.tiers?.length) or.push({ linkageTier: { in: targets.tiers } });
  if (or.length > 0) {
    for (const unit of await db.unit.findMany({ where: { active: true, OR: or }, select: { id: true } })) unitIds.add(unit.id);
  }
  const activeUnits = unitIds.size === 0 ? [] : await db.unit.findMany({ where: { id: { in: [...unitIds] }, active: true }, select: { id: true }, orderBy: { id: 'asc' } });
  const recipients: ResolvedRecipient[] = activeUnits.map((unit) => ({ recipientKey: `unit:${unit.id}`, unitId: unit.id, userId: null }));
  if (targets.allGridMembers) {
    const workers = await db.user.findMany({ where: { status: 'active', roles: { has: ROLES.grid_member } }, select: { id: true }, orderBy: { id: 'asc' } });
    recipients.push(...workers.map((user) => ({ recipientKey: `user:${user.id}`, unitId: null, userId: user.id })));
  }
  return recipients;
}
