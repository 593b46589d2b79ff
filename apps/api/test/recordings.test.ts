/**
 * Call recordings: a call answered through the call-events processor names its file; the shift
 * lead and the commander play it whole or by byte range, by call or through a ticket in their
 * scope; anyone else, a call without a file, and a stored name that escapes the folder are
 * refused. Every request leaves a `personal_data.recording_play` row. The status routes say
 * beforehand whether there is anything to play, and are not audited as plays.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCallEvent } from '../src/modules/calls/calls.jobs.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { createTicket } from './helpers/factories.js';
import { createTestApp, TEST_START, type TestApp } from './helpers/test-app.js';
import { createCall, loginAll, type Sessions } from './tickets-fixtures.js';

/** A valid 8 kHz mono 16-bit PCM WAV of `samples` samples of a ramp. */
function makeWav(samples: number): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) data.writeInt16LE((i * 97) % 32_000, i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const WAV = makeWav(400);
let t: TestApp;
let s: Sessions;
let dir: string;
let outside: string;
let context: WorkerContext;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-recordings-'));
  outside = await mkdtemp(join(tmpdir(), 'yixian-outside-'));
  t = await createTestApp({ RECORDINGS_DIR: dir });
  context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }) };
  // A shift lead of one street only, to show the ticket route keeps the ticket's scope.
  const street = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-street' } });
  const lead = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-lead' } });
  await t.prisma.user.create({
    data: { ...lead, id: randomUUID(), username: 'street-lead', extension: null, scopeAll: false, scopeAreaIds: street.scopeAreaIds, scopeUnitIds: [], createdAt: undefined, updatedAt: undefined },
  });
  s = await loginAll(t, ['demo-lead', 'demo-commander', 'demo-agent', 'street-lead']);
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const get = (user: string, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: s[user]!.cookie, ...headers } });
const lastAuditId = async () => (await t.prisma.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
const playRows = (since: bigint) =>
  t.prisma.auditLog.findMany({ where: { id: { gt: since }, action: 'personal_data.recording_play' }, orderBy: { id: 'asc' } });

async function writeRecording(file: string, bytes: Buffer = WAV): Promise<void> {
  await mkdir(join(dir, file.split('/')[0]!), { recursive: true });
  await writeFile(join(dir, file), bytes);
}

/** A call through the real processor: offered, answered 4 s later, completed after a minute. */
async function answerCall(enteredAt: Date = TEST_START) {
  const linkedid = `${Math.floor(enteredAt.getTime() / 1000)}.${Math.floor(Math.random() * 1e6)}`;
  const at = (seconds: number) => new Date(enteredAt.getTime() + seconds * 1000).toISOString();
  const base = { pbxId: 'default', linkedid, hotline: '12345' };
  await applyCallEvent(context, { ...base, kind: 'call.offered', at: at(0), eventId: randomUUID() });
  await applyCallEvent(context, { ...base, kind: 'call.answered', at: at(4), eventId: randomUUID(), agent: { interface: 'PJSIP/8101' }, holdTime: 4 });
  await applyCallEvent(context, { ...base, kind: 'call.completed', at: at(60), eventId: randomUUID(), agent: { interface: 'PJSIP/8101' }, talkTime: 56, reason: 'caller' });
  return t.prisma.call.findUniqueOrThrow({ where: { linkedid } });
}

describe('call recordings', () => {
  it('registers both routes for the shift lead and the commander only', () => {
    const routes = t.app.routeRegistry.filter((route) => route.url.endsWith('/recording'));
    expect(routes.map((route) => [route.method, route.url, route.roles])).toEqual([
      ['GET', '/api/calls/:id/recording', ['shift_lead', 'commander']],
      ['GET', '/api/tickets/:id/recording', ['shift_lead', 'commander']],
    ]);
  });

  it('registers the status routes for the same roles', () => {
    const routes = t.app.routeRegistry.filter((route) => route.url.endsWith('/recording/status'));
    expect(routes.map((route) => [route.method, route.url, route.roles])).toEqual([
      ['GET', '/api/calls/:id/recording/status', ['shift_lead', 'commander']],
      ['GET', '/api/tickets/:id/recording/status', ['shift_lead', 'commander']],
    ]);
  });

  it('names the file on answer and plays it whole and by range, auditing every request', async () => {
    const call = await answerCall();
    expect(call.recordingFile).toBe(`20260302/${call.linkedid}.wav`);
    await writeRecording(call.recordingFile!);
    const since = await lastAuditId();

    const whole = await get('demo-lead', `/api/calls/${call.id}/recording`);
    expect(whole.statusCode, whole.body).toBe(200);
    expect(whole.rawPayload.equals(WAV)).toBe(true);
    expect(whole.headers).toMatchObject({
      'content-type': 'audio/wav', 'content-length': String(WAV.length), 'accept-ranges': 'bytes',
      'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
    });

    const range = await get('demo-commander', `/api/calls/${call.linkedid}/recording`, { range: 'bytes=0-99' });
    expect(range.statusCode).toBe(206);
    expect(range.headers['content-range']).toBe(`bytes 0-99/${WAV.length}`);
    expect(range.headers['content-length']).toBe('100');
    expect(range.rawPayload.equals(WAV.subarray(0, 100))).toBe(true);

    const tail = await get('demo-lead', `/api/calls/${call.id}/recording`, { range: `bytes=${WAV.length - 10}-` });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(WAV.subarray(WAV.length - 10))).toBe(true);

    const past = await get('demo-lead', `/api/calls/${call.id}/recording`, { range: `bytes=${WAV.length}-${WAV.length + 100}` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${WAV.length}`);
    expect(past.json()).toMatchObject({ statusCode: 416, code: 'range_not_satisfiable' });

    const rows = await playRows(since);
    expect(rows.map((row) => [row.outcome, row.actorName, row.resource, row.resourceId])).toEqual([
      ['allowed', 'demo-lead', 'call', call.id],
      ['allowed', 'demo-commander', 'call', call.id],
      ['allowed', 'demo-lead', 'call', call.id],
      ['allowed', 'demo-lead', 'call', call.id],
    ]);
    expect(rows[1]!.details).toMatchObject({ callId: call.id, file: call.recordingFile, range: 'bytes=0-99', sizeBytes: WAV.length });
    for (const row of rows) expect(JSON.stringify({ ...row, id: String(row.id) })).not.toContain(call.callerNumber);
  });

  it('refuses an agent (403), a call without a recording, one still in progress and a missing file — audited as denied', async () => {
    const answered = await answerCall(new Date(TEST_START.getTime() + 3_600_000));
    await writeRecording(answered.recordingFile!);
    const plain = await createCall(t.prisma);
    const live = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { state: 'answered', endedAt: null, recordingFile: '20260302/live.1.wav' } });
    const missing = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { recordingFile: '20260302/gone.1.wav' } });
    const since = await lastAuditId();

    const agent = await get('demo-agent', `/api/calls/${answered.id}/recording`);
    expect(agent.statusCode).toBe(403);
    const none = await get('demo-lead', `/api/calls/${plain.id}/recording`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'not_found', message: 'This call has no recording' });
    const inProgress = await get('demo-lead', `/api/calls/${live.id}/recording`);
    expect(inProgress.statusCode).toBe(409);
    const gone = await get('demo-lead', `/api/calls/${missing.id}/recording`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().message).toBe('The recording file of this call is not on the server');
    const unknown = await get('demo-lead', `/api/calls/${randomUUID()}/recording`);
    expect(unknown.statusCode).toBe(404);

    const rows = await playRows(since);
    expect(rows.map((row) => [row.outcome, row.actorName, row.reason])).toEqual([
      ['denied', 'demo-agent', 'forbidden'],
      ['denied', 'demo-lead', 'no_recording'],
      ['denied', 'demo-lead', 'in_progress'],
      ['denied', 'demo-lead', 'file_missing'],
      ['denied', 'demo-lead', 'not_found'],
    ]);
    expect(rows[0]).toMatchObject({ resource: 'call', resourceId: answered.id });
    expect(await t.prisma.auditLog.count({ where: { id: { gt: since }, action: 'access.denied', actorName: 'demo-agent' } })).toBe(1);
  });

  it('never serves a stored name that leaves the folder, by path or by symbolic link', async () => {
    await writeFile(join(outside, 'secret.wav'), Buffer.from('not for you'));
    await mkdir(join(dir, '20260302'), { recursive: true });
    await symlink(join(outside, 'secret.wav'), join(dir, '20260302', 'linked.1.wav'));
    const names = ['../../etc/passwd', `../${outside.split('/').pop()}/secret.wav`, '20260302/../../etc/passwd.wav', '/etc/passwd', '20260302/linked.1.wav'];
    const since = await lastAuditId();
    for (const recordingFile of names) {
      const call = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { recordingFile } });
      const response = await get('demo-lead', `/api/calls/${call.id}/recording`);
      expect(response.statusCode, recordingFile).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.body).not.toMatch(/not for you|root:/);
      expect(response.json().message).toBe('The recording of this call cannot be served');
    }
    const rows = await playRows(since);
    expect(rows.map((row) => [row.outcome, row.reason])).toEqual(names.map(() => ['denied', 'unsafe_path']));
  });

  it('finds a call answered in the last second before 00:00 UTC in the next day’s folder', async () => {
    const call = await answerCall(new Date('2026-03-02T23:59:55.500Z'));
    expect(call.recordingFile).toBe(`20260302/${call.linkedid}.wav`);
    await writeRecording(`20260303/${call.linkedid}.wav`);
    const since = await lastAuditId();
    const response = await get('demo-lead', `/api/calls/${call.id}/recording`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.equals(WAV)).toBe(true);
    const [row] = await playRows(since);
    expect(row).toMatchObject({ outcome: 'allowed', details: expect.objectContaining({ file: `20260303/${call.linkedid}.wav` }) });
  });

  it('plays through a ticket in scope, and refuses one outside it or taken from no call', async () => {
    const call = await answerCall(new Date(TEST_START.getTime() + 7_200_000));
    await writeRecording(call.recordingFile!);
    const streetId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'street-lead' } })).scopeAreaIds[0]!;
    const otherStreet = await t.prisma.area.findFirstOrThrow({ where: { level: 'street', id: { not: streetId } } });
    const inScope = await t.prisma.ticket.update({ where: { id: (await createTicket(t.prisma, { areaId: streetId })).id }, data: { callId: call.id } });
    const outOfScope = await t.prisma.ticket.update({ where: { id: (await createTicket(t.prisma, { areaId: otherStreet.id })).id }, data: { callId: call.id } });
    const noCall = await createTicket(t.prisma, { areaId: streetId });
    const since = await lastAuditId();

    const range = await get('street-lead', `/api/tickets/${inScope.id}/recording`, { range: 'bytes=0-99' });
    expect(range.statusCode, range.body).toBe(206);
    expect(range.rawPayload.equals(WAV.subarray(0, 100))).toBe(true);
    expect((await get('demo-commander', `/api/tickets/${outOfScope.id}/recording`)).statusCode).toBe(200);
    const refused = await get('street-lead', `/api/tickets/${outOfScope.id}/recording`);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain(call.linkedid);
    const none = await get('street-lead', `/api/tickets/${noCall.id}/recording`);
    expect(none.statusCode).toBe(404);
    expect(none.json().message).toContain('was not taken from a call');
    expect((await get('demo-agent', `/api/tickets/${inScope.id}/recording`)).statusCode).toBe(403);

    const rows = await playRows(since);
    expect(rows.map((row) => [row.outcome, row.actorName, row.resource, row.resourceId, row.reason])).toEqual([
      ['allowed', 'street-lead', 'call', call.id, null],
      ['allowed', 'demo-commander', 'call', call.id, null],
      ['denied', 'street-lead', 'ticket', outOfScope.id, 'not_found'],
      ['denied', 'street-lead', 'ticket', noCall.id, 'no_call'],
      ['denied', 'demo-agent', 'ticket', inScope.id, 'forbidden'],
    ]);
    expect(rows[0]!.details).toMatchObject({ ticketId: inScope.id, callId: call.id });
  });

  describe('status before playing', () => {
    /** 1.5 s of audio at 8 kHz mono 16-bit. */
    const LONGER = makeWav(12_000);

    it('says whether each call can be played, with size and length, streaming nothing and auditing no play', async () => {
      const recorded = await answerCall(new Date(TEST_START.getTime() + 10_800_000));
      await writeRecording(recorded.recordingFile!, LONGER);
      const plain = await createCall(t.prisma);
      const live = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { state: 'answered', endedAt: null, recordingFile: '20260302/live.2.wav' } });
      const missing = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { recordingFile: '20260302/gone.2.wav' } });
      const unsafe = await t.prisma.call.update({ where: { id: (await createCall(t.prisma)).id }, data: { recordingFile: '../../etc/passwd' } });
      const since = await lastAuditId();

      const status = async (user: string, id: string) => {
        const response = await get(user, `/api/calls/${id}/recording/status`);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.headers['cache-control']).toBe('no-store');
        return response.json() as Record<string, unknown>;
      };
      expect(await status('demo-lead', recorded.id)).toEqual({ available: true, sizeBytes: LONGER.length, durationSeconds: 1.5 });
      expect(await status('demo-commander', recorded.linkedid)).toEqual({ available: true, sizeBytes: LONGER.length, durationSeconds: 1.5 });
      expect(await status('demo-lead', plain.id)).toEqual({ available: false, reason: 'no_recording' });
      expect(await status('demo-lead', live.id)).toEqual({ available: false, reason: 'in_progress' });
      expect(await status('demo-lead', missing.id)).toEqual({ available: false, reason: 'missing' });
      expect(await status('demo-lead', unsafe.id)).toEqual({ available: false, reason: 'missing' });

      expect((await get('demo-agent', `/api/calls/${recorded.id}/recording/status`)).statusCode).toBe(403);
      expect((await get('demo-lead', `/api/calls/${randomUUID()}/recording/status`)).statusCode).toBe(404);

      expect(await playRows(since)).toEqual([]);
      expect(await t.prisma.auditLog.count({ where: { id: { gt: since }, action: 'access.denied', actorName: 'demo-agent' } })).toBe(1);
    });

    it('checks a ticket’s scope first; a ticket taken from no call has no recording', async () => {
      const call = await answerCall(new Date(TEST_START.getTime() + 14_400_000));
      const streetId = (await t.prisma.user.findUniqueOrThrow({ where: { username: 'street-lead' } })).scopeAreaIds[0]!;
      const otherStreet = await t.prisma.area.findFirstOrThrow({ where: { level: 'street', id: { not: streetId } } });
      const inScope = await t.prisma.ticket.update({ where: { id: (await createTicket(t.prisma, { areaId: streetId })).id }, data: { callId: call.id } });
      const outOfScope = await t.prisma.ticket.update({ where: { id: (await createTicket(t.prisma, { areaId: otherStreet.id })).id }, data: { callId: call.id } });
      const noCall = await createTicket(t.prisma, { areaId: streetId });
      const since = await lastAuditId();
      const status = (user: string, id: string) => get(user, `/api/tickets/${id}/recording/status`);

      // The file is not written yet (a demo without recordings, or MixMonitor's file gone).
      expect((await status('street-lead', inScope.id)).json()).toEqual({ available: false, reason: 'missing' });
      await writeRecording(call.recordingFile!);
      expect((await status('street-lead', inScope.id)).json()).toEqual({ available: true, sizeBytes: WAV.length, durationSeconds: 0.1 });
      expect((await status('demo-commander', outOfScope.id)).json()).toMatchObject({ available: true });
      const refused = await status('street-lead', outOfScope.id);
      expect(refused.statusCode).toBe(404);
      expect(refused.body).not.toContain(call.linkedid);
      expect((await status('street-lead', noCall.id)).json()).toEqual({ available: false, reason: 'no_recording' });
      expect((await status('demo-agent', inScope.id)).statusCode).toBe(403);
      expect(await playRows(since)).toEqual([]);
    });
  });
});
