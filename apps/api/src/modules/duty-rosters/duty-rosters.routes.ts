/**
 * Duty rosters (值班备勤): shifts CRUD with overlap refusal, the XLSX import and its template, the
 * reveal of a masked duty phone, who is on duty now and the tier-1 gaps. Who may do what:
 * shift-access.ts. multipart/form-data is parsed in this plugin only (the import's one file).
 */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import { AppError } from '../../lib/app-error.js';
import { attachmentDisposition } from '../../lib/content-disposition.js';
import { DEFAULT_EXPORT_LANG } from '../../lib/export-labels.js';
import { requireActor } from '../../plugins/security.js';
import { AUDIT_ACTIONS } from '../audit/audit.service.js';
import {
  createShiftSchema, deleteShiftSchema, dutyGapsSchema, dutyNowSchema, importShiftsSchema, listShiftsSchema,
  revealShiftPhoneSchema, rosterTemplateSchema, updateShiftSchema,
} from './duty-rosters.schemas.js';
import { findDutyGaps } from './find-duty-gaps.js';
import { readDutyBoard } from './find-on-duty.js';
import { importRoster } from './import/import-roster.js';
import { ROSTER_MAX_BYTES } from './import/read-roster-file.js';
import { writeRosterTemplate } from './import/write-roster-template.js';
import { checkShiftOrThrow, createShift, deleteShift, loadShiftReferences, updateShift } from './save-shift.js';
import {
  DUTY_BOARD_READERS, ROSTER_EDITORS, ROSTER_READERS, assertRosterEditable, assertRosterReadable, canEditRoster, rosterUnitLimit, seesFullPhone,
} from './shift-access.js';
import { loadShiftNames, presentShift } from './shift-view.js';

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 62;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default async function dutyRosterRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(multipart, { throwFileSizeLimit: true, limits: { fileSize: ROSTER_MAX_BYTES, files: 1, fields: 0 } });

  async function findShift(id: string) {
    const shift = await app.prisma.dutyShift.findUnique({ where: { id } });
    if (!shift) throw new AppError('not_found', `No duty shift ${id}`, { field: 'id' });
    return shift;
  }

  async function present(shifts: Parameters<typeof presentShift>[0][], actor: ReturnType<typeof requireActor>) {
    const names = await loadShiftNames(app.prisma, shifts);
    return shifts.map((shift) => presentShift(shift, names, actor));
  }
  async function presentOne(shift: Parameters<typeof presentShift>[0], actor: ReturnType<typeof requireActor>) {
    return presentShift(shift, await loadShiftNames(app.prisma, [shift]), actor);
  }

  app.get('/api/duty-shifts', { schema: listShiftsSchema, config: { roles: ROSTER_READERS } }, async (request) => {
    const actor = requireActor(request);
    const now = app.clock.now();
    const limit = rosterUnitLimit(actor);
    if (request.query.unitId) assertRosterReadable(actor, request.query.unitId);
    const from = request.query.from ? new Date(request.query.from) : new Date(now.getTime() - DAY_MS);
    const to = request.query.to ? new Date(request.query.to) : new Date(now.getTime() + 7 * DAY_MS);
    if (to <= from) throw new AppError('validation_failed', 'to must be after from', { field: 'to' });
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw new AppError('validation_failed', `At most ${MAX_SPAN_DAYS} days at once`, { field: 'to' });
    const unitId = request.query.unitId ?? limit ?? undefined;
    const shifts = await app.prisma.dutyShift.findMany({
      where: { ...(unitId ? { unitId } : {}), ...(request.query.role ? { role: request.query.role } : {}), startsAt: { lt: to }, endsAt: { gt: from } },
      orderBy: [{ startsAt: 'asc' }, { unitId: 'asc' }, { role: 'asc' }],
      take: 5000,
    });
    return { items: await present(shifts, actor) };
  });

  app.post('/api/duty-shifts', { schema: createShiftSchema, config: { roles: ROSTER_EDITORS } }, async (request, reply) => {
    const actor = requireActor(request);
    const body = request.body;
    assertRosterEditable(actor, body.unitId);
    const input = { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
    const shift = checkShiftOrThrow(input, await loadShiftReferences(app.prisma, input));
    const created = await createShift(app.prisma, request, shift, app.clock.now());
    return reply.status(201).send(await presentOne(created, actor));
  });

  app.put('/api/duty-shifts/:id', { schema: updateShiftSchema, config: { roles: ROSTER_EDITORS } }, async (request) => {
    const actor = requireActor(request);
    const before = await findShift(request.params.id);
    assertRosterEditable(actor, before.unitId);
    const { version, ...body } = request.body;
    assertRosterEditable(actor, body.unitId);
    const input = { ...body, startsAt: new Date(body.startsAt), endsAt: new Date(body.endsAt) };
    const shift = checkShiftOrThrow(input, await loadShiftReferences(app.prisma, input));
    const saved = await updateShift(app.prisma, request, before, shift, version, app.clock.now());
    return presentOne(saved, actor);
  });

  app.delete('/api/duty-shifts/:id', { schema: deleteShiftSchema, config: { roles: ROSTER_EDITORS } }, async (request, reply) => {
    const actor = requireActor(request);
    const before = await findShift(request.params.id);
    assertRosterEditable(actor, before.unitId);
    await deleteShift(app.prisma, request, before, request.query.version, app.clock.now());
    return reply.status(204).send(null);
  });

  app.post('/api/duty-shifts/:id/reveal-phone', { schema: revealShiftPhoneSchema, config: { roles: ROSTER_READERS } }, async (request) => {
    const actor = requireActor(request);
    const entry = { action: AUDIT_ACTIONS.revealPhone, resource: 'duty_shift', resourceId: request.params.id, reason: request.body.reason };
    const shift = await app.prisma.dutyShift.findUnique({ where: { id: request.params.id } });
    if (!shift || rosterUnitLimit(actor) !== null && rosterUnitLimit(actor) !== shift.unitId) {
      await app.audit(request, { ...entry, outcome: 'denied' });
      throw new AppError('not_found', `No duty shift ${request.params.id}`, { field: 'id' });
    }
    await app.audit(request, { ...entry, outcome: 'allowed', details: { unitId: shift.unitId, fullByRole: seesFullPhone(actor, shift.unitId) } });
    return { phone: shift.phone };
  });

  app.post('/api/duty-shifts/import', { schema: importShiftsSchema, config: { roles: ROSTER_EDITORS } }, async (request) => {
    if (!request.isMultipart()) throw new AppError('validation_failed', 'Send the XLSX as multipart/form-data, one file part', { field: 'file' });
    let body: Buffer | null = null;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') throw new AppError('validation_failed', `Only one file part is read; "${part.fieldname}" is a text field`, { field: 'file' });
        body = await part.toBuffer();
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('validation_failed', `The file is larger than ${ROSTER_MAX_BYTES / 1024 / 1024} MB`, { field: 'file' });
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('validation_failed', 'Send one XLSX file and nothing else', { field: 'file' });
      throw error;
    }
    if (!body) throw new AppError('validation_failed', 'No file was sent', { field: 'file' });
    const dryRun = request.query.dryRun === '1' || request.query.dryRun === 'true';
    return importRoster(app, request, body, dryRun);
  });

  app.get('/api/duty-shifts/template.xlsx', { schema: rosterTemplateSchema, config: { roles: ROSTER_EDITORS } }, async (request, reply) => {
    const actor = requireActor(request);
    const lang = request.query.lang ?? DEFAULT_EXPORT_LANG;
    const units = (await app.prisma.unit.findMany({
      where: { active: true, linkageTier: { not: null } }, select: { id: true, code: true, name: true, nameEn: true }, orderBy: [{ linkageTier: 'asc' }, { code: 'asc' }],
    })).filter((unit) => canEditRoster(actor, unit.id));
    const body = await writeRosterTemplate(units, lang, app.clock.now());
    return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachmentDisposition(lang === 'en' ? 'duty-roster-template.xlsx' : '值班表导入模板.xlsx'))
      .header('cache-control', 'no-store').send(body);
  });

  app.get('/api/duty/now', { schema: dutyNowSchema, config: { roles: DUTY_BOARD_READERS } }, async (request) => {
    const at = app.clock.now();
    return { at: at.toISOString(), items: await readDutyBoard(app.prisma, requireActor(request), at) };
  });

  app.get('/api/duty/gaps', { schema: dutyGapsSchema, config: { roles: DUTY_BOARD_READERS } }, async (request) => {
    const now = app.clock.now();
    const gaps = await findDutyGaps(app.prisma, now, request.query.hours ?? app.config.dutyGapLookaheadHours);
    return { items: gaps.map((gap) => ({ unit: gap.unit, from: (gap.from ?? now).toISOString(), to: gap.to.toISOString(), current: gap.current })) };
  });
}
