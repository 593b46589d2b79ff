/**
 * Incident tasks: the commander gives an activated unit a task (the unit is told, the trail says
 * so, a unit not activated is refused); the unit signs, reports progress with a real photo
 * (uploaded, bound to the entry, readable by the incident's readers only) and finishes it; a stale
 * version and another unit are refused; an overdue task raises its alarm once (the job function
 * run on the test's clock); the commander cancels a task with a reason.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@yixian/runtime';
import { sweepLeftovers } from '../src/jobs/leftovers-queue.js';
import { checkOverdueTasks } from '../src/modules/incident-tasks/incident-tasks.jobs.js';
import { multipartBody } from './helpers/multipart.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

const FIRE = 'dept-fire';
const HOUR = 3_600_000;

let dir: string;
let t: TestApp;
let commander: Session;
let fire: Session;
let otherUnit: Session;
let incidentId: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-incident-files-'));
  t = await createTestApp({ ATTACHMENTS_DIR: dir });
  commander = await login(t.app, 'demo-commander');
  otherUnit = await login(t.app, 'demo-dept');
  const template = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  await t.prisma.user.create({
    data: { ...template, id: randomUUID(), username: 'fire-handler', displayName: '消防承办人 林涛', unitId: FIRE, scopeUnitIds: [FIRE], createdAt: undefined, updatedAt: undefined },
  });
  fire = await login(t.app, 'fire-handler');
  const incident = await t.prisma.incident.create({
    data: {
      code: `SJ${Date.now()}`.slice(0, 14), type: 'accident', subtype: 'fire', level: 'III', state: 'filed', title: '仓库火灾', description: '东马路仓库起火',
      source: 'centre', filedAt: t.clock.now(), reportedAt: t.clock.now(),
    },
  });
  incidentId = incident.id;
  await t.prisma.incidentActivation.create({ data: { incidentId, unitId: FIRE, tier: 1, state: 'acknowledged' } });
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

const post = (session: Session, url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: session.headers, payload });
const get = (session: Session, url: string) => t.app.inject({ method: 'GET', url, headers: session.headers });
const dueIn = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();
const trail = (action: string) => t.prisma.incidentEvent.findMany({ where: { incidentId, action }, orderBy: { id: 'asc' } });
const photo = () => sharp({ create: { width: 800, height: 600, channels: 3, background: '#c33' } }).jpeg().toBuffer();

describe('a task from assignment to done', () => {
  it('is assigned, signed, reported on with a photo and finished', async () => {
    const assigned = await post(commander, `/api/incidents/${incidentId}/tasks`, { unitId: FIRE, title: '扑灭明火', description: '控制火势，疏散人员', dueAt: dueIn(2) });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const task = assigned.json();
    expect(task).toMatchObject({ incident: { id: incidentId, title: '仓库火灾' }, unit: { id: FIRE, name: '消防救援大队' }, state: 'assigned', overdue: false, version: 1, progress: [] });
    expect(await t.prisma.notification.count({ where: { unitId: FIRE, kind: 'incident_task', title: { contains: '扑灭明火' } } })).toBe(1);
    expect((await trail('task_assigned')).map((event) => (event.data as { taskId: string }).taskId)).toContain(task.id);
    const pushes = await t.prisma.outbox.findMany({ where: { topic: 'live.push', dedupeKey: { startsWith: `incident-changed-${incidentId}` } } });
    expect(pushes.at(-1)!.payload).toMatchObject({ topic: 'incidents', payload: { type: 'incident.changed', incidentId, state: 'filed', level: 'III' } });

    // The unit sees it among its tasks; another unit sees neither the list entry nor the task.
    expect((await get(fire, '/api/incident-tasks?mine=1')).json().items.map((item: { id: string }) => item.id)).toContain(task.id);
    expect((await get(otherUnit, '/api/incident-tasks')).json().items.map((item: { id: string }) => item.id)).not.toContain(task.id);
    expect((await post(otherUnit, `/api/incident-tasks/${task.id}/actions/sign`, { version: 1 })).statusCode).toBe(404);
    // The centre does not sign for the unit.
    expect((await post(commander, `/api/incident-tasks/${task.id}/actions/sign`, { version: 1 })).statusCode).toBe(403);

    const signed = await post(fire, `/api/incident-tasks/${task.id}/actions/sign`, { version: 1 });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ state: 'signed', version: 2, signedAt: t.clock.now().toISOString() });
    const stale = await post(fire, `/api/incident-tasks/${task.id}/actions/start`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().details).toMatchObject({ reason: 'stale', currentVersion: 2 });

    const { payload, headers } = multipartBody([{ name: 'scene.jpg', bytes: await photo(), contentType: 'image/jpeg', field: 'file' }]);
    const upload = await t.app.inject({ method: 'POST', url: `/api/incidents/${incidentId}/attachments`, headers: { ...fire.headers, ...headers }, payload });
    expect(upload.statusCode, upload.body).toBe(201);
    const [attachment] = upload.json().items;
    expect(attachment).toMatchObject({ fileName: 'scene.jpg', contentType: 'image/jpeg', width: 800, height: 600, hasThumbnail: true });
    // Pending: the uploader's alone.
    expect((await get(commander, `/api/incident-attachments/${attachment.id}`)).statusCode).toBe(404);

    const badPhoto = await post(fire, `/api/incident-tasks/${task.id}/actions/progress`, { version: 2, text: '火势已控制', attachmentIds: [randomUUID()] });
    expect(badPhoto.statusCode).toBe(400);
    expect(badPhoto.json().field).toBe('attachmentIds');
    expect((await t.prisma.incidentTask.findUniqueOrThrow({ where: { id: task.id } })).version).toBe(2);
    expect(await trail('task_progress')).toHaveLength(0);

    const progress = await post(fire, `/api/incident-tasks/${task.id}/actions/progress`, { version: 2, text: '火势已控制', attachmentIds: [attachment.id] });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json()).toMatchObject({
      state: 'in_progress', version: 3,
      progress: [{ text: '火势已控制', by: { name: '消防承办人 林涛' }, done: false, attachments: [{ id: attachment.id, fileName: 'scene.jpg', width: 800 }] }],
    });
    const file = await get(commander, `/api/incident-attachments/${attachment.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(file.rawPayload).metadata()).width).toBe(800);
    const thumb = await get(commander, `/api/incident-attachments/${attachment.id}/thumb`);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBeLessThanOrEqual(320);
    expect((await get(otherUnit, `/api/incident-attachments/${attachment.id}`)).statusCode).toBe(404);
    expect(await t.prisma.auditLog.count({ where: { action: 'personal_data.incident_attachment_download', outcome: 'denied' } })).toBeGreaterThanOrEqual(1);
    // A photo is carried once.
    expect((await post(fire, `/api/incident-tasks/${task.id}/actions/progress`, { version: 3, text: '再报', attachmentIds: [attachment.id] })).statusCode).toBe(400);

    const done = await post(fire, `/api/incident-tasks/${task.id}/actions/done`, { version: 3, text: '明火扑灭，现场移交' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', doneAt: t.clock.now().toISOString(), overdue: false });
    expect(done.json().progress.map((entry: { done: boolean }) => entry.done)).toEqual([false, true]);
    expect((await trail('task_signed')).length + (await trail('task_done')).length).toBe(2);
    expect((await post(fire, `/api/incident-tasks/${task.id}/actions/progress`, { version: 4, text: '又一次' })).json().details).toMatchObject({ reason: 'task_state' });
  });

  it('refuses a task for a unit not activated, and a deadline in the past', async () => {
    const notActivated = await post(commander, `/api/incidents/${incidentId}/tasks`, { unitId: 'dept-gas', title: '关阀', dueAt: dueIn(1) });
    expect(notActivated.statusCode).toBe(409);
    expect(notActivated.json()).toMatchObject({ field: 'unitId', details: { reason: 'not_activated' } });
    const past = await post(commander, `/api/incidents/${incidentId}/tasks`, { unitId: FIRE, title: '关阀', dueAt: dueIn(-1) });
    expect(past.statusCode).toBe(400);
    expect(past.json().field).toBe('dueAt');
    expect(await t.prisma.incidentTask.count({ where: { title: '关阀' } })).toBe(0);
  });
});

describe('overdue and cancelled tasks', () => {
  it('raises the overdue alarm once, and a cancelled task raises none', async () => {
    const late = (await post(commander, `/api/incidents/${incidentId}/tasks`, { unitId: FIRE, title: '搜救被困人员', dueAt: dueIn(1) })).json();
    const cancelled = (await post(commander, `/api/incidents/${incidentId}/tasks`, { unitId: FIRE, title: '设置警戒线', dueAt: dueIn(1) })).json();
    const cancel = await post(commander, `/api/incident-tasks/${cancelled.id}/actions/cancel`, { version: 1, reason: '公安已设警戒' });
    expect(cancel.json()).toMatchObject({ state: 'cancelled' });
    expect((await trail('task_cancelled')).at(-1)).toMatchObject({ reason: '公安已设警戒' });

    const context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: createLogger('silent', 'test') };
    expect((await checkOverdueTasks(context)).alarmed).toBe(0);
    t.clock.advance(90 * 60_000);
    fire = await login(t.app, 'fire-handler');
    expect((await get(fire, '/api/incident-tasks?state=assigned')).json().items.find((item: { id: string }) => item.id === late.id)).toMatchObject({ overdue: true });
    const [first, second] = await Promise.all([checkOverdueTasks(context), checkOverdueTasks(context)]);
    expect(first!.alarmed + second!.alarmed).toBe(1);
    await checkOverdueTasks(context);
    const overdue = await trail('task_overdue');
    expect(overdue.map((event) => (event.data as { taskId: string }).taskId)).toEqual([late.id]);
    const commanderId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-commander' } })).id;
    expect(await t.prisma.notification.count({ where: { kind: 'incident_task_overdue', userId: commanderId } })).toBe(1);
    expect(await t.prisma.notification.count({ where: { kind: 'incident_task_overdue', unitId: FIRE } })).toBe(1);
  });
});

describe('photos no act carried', () => {
  it('are swept with their files after the grace period; photos a progress carries stay', async () => {
    const bound = await t.prisma.incidentAttachment.findFirstOrThrow({ where: { incidentId, eventId: { not: null } } });
    fire = await login(t.app, 'fire-handler');
    const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3c3' } }).png().toBuffer();
    const { payload, headers } = multipartBody([{ name: 'unused.png', bytes, field: 'file' }]);
    const upload = await t.app.inject({ method: 'POST', url: `/api/incidents/${incidentId}/attachments`, headers: { ...fire.headers, ...headers }, payload });
    const pending = upload.json().items[0];
    const row = await t.prisma.incidentAttachment.findUniqueOrThrow({ where: { id: pending.id } });
    const files = async () => (await Promise.all((await readdir(dir)).map((sub) => readdir(join(dir, sub))))).flat();
    expect(await files()).toContain(row.sha256);

    const context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: createLogger('silent', 'test') };
    expect((await sweepLeftovers(context)).orphanAttachments).toBe(0);
    t.clock.advance(25 * HOUR);
    expect((await sweepLeftovers(context)).orphanAttachments).toBe(1);
    expect(await t.prisma.incidentAttachment.findUnique({ where: { id: pending.id } })).toBeNull();
    expect(await files()).not.toContain(row.sha256);
    expect(await files()).toContain(bound.sha256);
    commander = await login(t.app, 'demo-commander');
    expect((await get(commander, `/api/incident-attachments/${bound.id}`)).statusCode).toBe(200);
  });
});
