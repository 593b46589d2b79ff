/**
 * The roster import: all rows or none. A dry run reads and checks the whole file and writes
 * nothing. The import checks again and writes nothing unless every row is clean; then, under the
 * rosters' advisory locks (taken in a fixed order), it checks the saved shifts once more and writes
 * the shifts, one audit row each (phone masked) and one for the import, in one transaction.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { requireActor } from '../../../plugins/security.js';
import { changeAuditRow, recordChange } from '../../config-changes/record-change.js';
import { lockRoster } from '../save-shift.js';
import { auditViewOfShift } from '../shift-view.js';
import { checkRosterRows, loadSavedShifts, overlapsWithSaved, type RosterError } from './check-roster-rows.js';
import { readRosterFile } from './read-roster-file.js';

export interface RosterImportResult {
  dryRun: boolean;
  rows: number;
  created: number;
  errors: RosterError[];
}

/** Thrown inside the transaction when a saved shift appeared between the check and the locks. */
/** Rows per insert: one statement of thousands of rows binds tens of thousands of parameters and runs slower. */
const WRITE_BATCH = 500;

class LateOverlap extends Error {
  constructor(readonly errors: RosterError[]) { super('late overlap'); }
}

export async function importRoster(app: FastifyInstance, request: FastifyRequest, body: Buffer, dryRun: boolean): Promise<RosterImportResult> {
  const actor = requireActor(request);
  const file = await readRosterFile(body);
  const { shifts, errors } = await checkRosterRows(app.prisma, actor, file);
  const answer = { dryRun, rows: file.rows.length, created: 0, errors };
  if (dryRun || errors.length > 0) return answer;
  const now = app.clock.now();
  try {
    await app.prisma.$transaction(async (tx) => {
      const rosters = [...new Set(shifts.map(({ shift }) => `${shift.unitId}\n${shift.role}`))].sort();
      for (const roster of rosters) await lockRoster(tx, roster.split('\n')[0]!, roster.split('\n')[1]!);
      const late = overlapsWithSaved(shifts, await loadSavedShifts(tx, shifts), file.headers);
      if (late.length > 0) throw new LateOverlap(late);
      const rows = shifts.map(({ shift }) => ({ id: randomUUID(), ...shift, createdById: actor.id, createdAt: now, updatedAt: now, version: 1 }));
      for (let i = 0; i < rows.length; i += WRITE_BATCH) await tx.dutyShift.createMany({ data: rows.slice(i, i + WRITE_BATCH) });
      const audits = rows.map((row) => changeAuditRow(request, now, {
        act: 'create', resource: 'duty_shift', resourceId: row.id, version: 1, before: null, after: auditViewOfShift(row), summary: { import: true },
      }));
      for (let i = 0; i < audits.length; i += WRITE_BATCH) await tx.auditLog.createMany({ data: audits.slice(i, i + WRITE_BATCH) });
      await recordChange(tx, request, now, {
        act: 'import', resource: 'duty_shift', resourceId: `import-${request.id}`, version: 1, before: null, after: null,
        summary: { rows: rows.length, units: new Set(rows.map((row) => row.unitId)).size },
      });
    }, { timeout: 60_000 });
  } catch (error) {
    if (error instanceof LateOverlap) return { ...answer, errors: error.errors };
    throw error;
  }
  return { ...answer, created: shifts.length };
}
