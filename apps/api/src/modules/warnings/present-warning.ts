/** A warning as the console shows it: names, never ids alone; the detail with recipients and trail. */
import type { Prisma, Warning } from '@yixian/db';
import type { Actor } from '../auth/actor.js';
import { allowedWarningActions } from './act-on-warning.js';
import { readWarningTrail } from './record-warning-act.js';
import { ackFigures, latestRecipientRevisions, type AckFigure } from './warning-ack.js';
import type { WarningTargets } from './warnings.schemas.js';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

async function userNames(db: Prisma.TransactionClient, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((user) => [user.id, user.displayName]));
}

const named = (names: Map<string, string>, id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);

function summary(warning: Warning, names: Map<string, string>, ack: AckFigure) {
  return {
    id: warning.id, code: warning.code, level: warning.level, type: warning.type, title: warning.title, state: warning.state,
    revision: warning.revision, validFrom: warning.validFrom.toISOString(), validUntil: warning.validUntil.toISOString(),
    publishedAt: iso(warning.publishedAt), drafter: named(names, warning.draftedById), approver: named(names, warning.approvedById),
    ack, updatedAt: warning.updatedAt.toISOString(), version: warning.version,
  };
}

export async function presentWarnings(db: Prisma.TransactionClient, warnings: Warning[]) {
  const names = await userNames(db, warnings.flatMap((warning) => [warning.draftedById, warning.approvedById]));
  const acks = await ackFigures(db, warnings.map((warning) => warning.id));
  return warnings.map((warning) => summary(warning, names, acks.get(warning.id)!));
}

async function presentTargets(db: Prisma.TransactionClient, targets: WarningTargets) {
  const [units, areas] = await Promise.all([
    targets.unitIds?.length ? db.unit.findMany({ where: { id: { in: targets.unitIds } }, select: { id: true, name: true, nameEn: true } }) : [],
    targets.areaIds?.length ? db.area.findMany({ where: { id: { in: targets.areaIds } }, select: { id: true, name: true, nameEn: true, level: true } }) : [],
  ]);
  return { units, areas, allGridMembers: targets.allGridMembers ?? false, tiers: targets.tiers ?? [] };
}

async function presentRecipients(db: Prisma.TransactionClient, warningId: string) {
  const revision = (await latestRecipientRevisions(db, [warningId])).get(warningId);
  if (revision === undefined) return [];
  const rows = await db.warningRecipient.findMany({ where: { warningId, revision }, orderBy: [{ acknowledgedAt: { sort: 'asc', nulls: 'first' } }, { recipientKey: 'asc' }] });
  const unitIds = rows.flatMap((row) => (row.unitId ? [row.unitId] : []));
  const [units, calls, names] = await Promise.all([
    unitIds.length ? db.unit.findMany({ where: { id: { in: unitIds } }, select: { id: true, name: true, nameEn: true, linkageTier: true } }) : [],
    db.alertCall.findMany({ where: { warningRecipientId: { in: rows.map((row) => row.id) } }, orderBy: { placedAt: 'asc' } }),
    userNames(db, rows.flatMap((row) => [row.userId, row.acknowledgedById])),
  ]);
  const unitById = new Map(units.map((unit) => [unit.id, unit]));
  return rows.map((row) => {
    const unit = row.unitId ? unitById.get(row.unitId) : undefined;
    return {
      id: row.id, revision: row.revision,
      unit: unit ? { id: unit.id, name: unit.name, nameEn: unit.nameEn, tier: unit.linkageTier } : null,
      user: named(names, row.userId),
      acknowledgedAt: iso(row.acknowledgedAt), acknowledgedVia: row.acknowledgedVia, acknowledgedBy: named(names, row.acknowledgedById),
      remindedCount: row.remindedCount,
      calls: calls.filter((call) => call.warningRecipientId === row.id).map((call) => ({
        id: call.id, attempt: call.attempt, outcome: call.outcome, placedAt: call.placedAt.toISOString(), endedAt: iso(call.endedAt),
      })),
    };
  });
}

export async function presentWarningDetail(db: Prisma.TransactionClient, warning: Warning, actor: Actor) {
  const [[base], targets, incident, recipients, trail] = await Promise.all([
    presentWarnings(db, [warning]),
    presentTargets(db, warning.targets as WarningTargets),
    warning.incidentId ? db.incident.findUnique({ where: { id: warning.incidentId }, select: { id: true, code: true, title: true } }) : null,
    presentRecipients(db, warning.id),
    readWarningTrail(db, warning.id),
  ]);
  return {
    ...base!, text: warning.text, targets, incident, sentBackReason: warning.sentBackReason, liftedAt: iso(warning.liftedAt),
    liftReason: warning.liftReason, recipients, trail, allowedActions: allowedWarningActions(actor, warning),
  };
}
