/**
 * The detail's trail and its files come from one statement (tickets/read-ticket-trail.ts): the
 * answer to an act shows every entry's files as uploaded, and the one read gives exactly what
 * Prisma's typed reads of the trail and the files give (ids, data, times, positions).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentAttachment } from '../src/modules/attachments/present-attachment.js';
import { readTicketTrail } from '../src/modules/tickets/read-ticket-trail.js';
import { multipartBody, type FormFile } from './helpers/multipart.js';
import { createTestApp, type Session, type TestApp } from './helpers/test-app.js';
import { act, intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-trail-'));
  t = await createTestApp({ ATTACHMENTS_DIR: dir });
  s = await loginAll(t, ['demo-grid', 'demo-dispatcher']);
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A phone's photo taken at 28°11'24"N 112°58'12"E. */
const photoWithGps = () => sharp({ create: { width: 320, height: 240, channels: 3, background: '#2a7' } }).jpeg().withExif({
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 11/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '112/1 58/1 1200/100' },
}).toBuffer();
const png = (colour: string) => sharp({ create: { width: 200, height: 100, channels: 4, background: colour } }).png().toBuffer();
const pdf = () => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x20), Buffer.from('\n%%EOF\n')]);

async function upload(session: Session, ticketId: string, actName: string, files: FormFile[]) {
  const { payload, headers } = multipartBody(files);
  const response = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/attachments?act=${actName}`, headers: { ...session.headers, ...headers }, payload });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().items as Array<{ id: string }>;
}

describe('the answer to an act', () => {
  it('carries the files of every trail entry, as they were uploaded, and the same as a read of the ticket', async () => {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const filed = await intake(t, s['demo-grid']!, {
      channel: 'mobile', categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng, title: '工地夜间施工', description: '巡查发现工地夜间施工',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const ticketId = filed.json().ticket.id as string;
    const report = await upload(s['demo-grid']!, ticketId, 'report', [{ name: 'IMG_0001.jpg', bytes: await photoWithGps() }]);
    expect(report[0]).toMatchObject({ position: { lat: expect.any(Number), lng: expect.any(Number) } });

    const dispatched = await act(t, s['demo-dispatcher']!, ticketId, 'dispatch', { unitId: 'gt-s01g01' });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const returnFiles = await upload(s['demo-grid']!, ticketId, 'return', [{ name: '权属说明.pdf', bytes: pdf() }]);
    const returned = await act(t, s['demo-grid']!, ticketId, 'return', { reasonCode: 'wrong_location', note: '不属本网格', attachmentIds: returnFiles.map((f) => f.id) });
    expect(returned.statusCode, returned.body).toBe(200);
    const ruled = await act(t, s['demo-dispatcher']!, ticketId, 'dispatch', { ruling: 'reject', note: '属本网格' });
    expect(ruled.statusCode, ruled.body).toBe(200);
    expect((await act(t, s['demo-grid']!, ticketId, 'sign')).statusCode).toBe(200);
    const replyFiles = await upload(s['demo-grid']!, ticketId, 'reply', [{ name: 'before.png', bytes: await png('#f00') }, { name: 'after.png', bytes: await png('#0f0') }]);
    const [pending] = await upload(s['demo-grid']!, ticketId, 'reply', [{ name: 'unused.png', bytes: await png('#00f') }]);
    // Named in the other order than uploaded: the trail shows the act's order. The third upload stays pending, no entry's.
    const replied = await act(t, s['demo-grid']!, ticketId, 'reply', { content: '已处理', attachmentIds: [replyFiles[1]!.id, replyFiles[0]!.id] });
    expect(replied.statusCode, replied.body).toBe(200);

    const trail = replied.json().trail as Array<{ action: string; attachments: unknown[] }>;
    const filesOf = (action: string) => trail.filter((entry) => entry.action === action).flatMap((entry) => entry.attachments);
    expect(filesOf('create')).toEqual(report);
    expect(filesOf('return')).toEqual(returnFiles);
    expect(filesOf('reply')).toEqual([replyFiles[1], replyFiles[0]]);
    expect(trail.filter((entry) => entry.attachments.length > 0)).toHaveLength(3);
    expect(JSON.stringify(trail)).not.toContain(pending!.id);

    const read = await t.app.inject({ url: `/api/tickets/${ticketId}`, headers: { cookie: s['demo-grid']!.cookie } });
    expect(read.json().trail).toEqual(trail);

    // The one statement gives exactly what Prisma's typed reads of the trail and the files give.
    const { events, attachments } = await readTicketTrail(t.prisma, ticketId);
    expect(events).toEqual(await t.prisma.ticketEvent.findMany({ where: { ticketId }, orderBy: { id: 'asc' } }));
    expect(typeof events[0]!.id).toBe('bigint');
    expect(events[0]!.at).toBeInstanceOf(Date);
    const rows = await t.prisma.ticketAttachment.findMany({ where: { ticketId, eventId: { not: null } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(rows).toHaveLength(4);
    const expected = new Map<string, unknown[]>();
    for (const row of rows) expected.set(String(row.eventId), [...(expected.get(String(row.eventId)) ?? []), presentAttachment(row)]);
    expect(attachments).toEqual(expected);
    // Byte for byte as the answer writes them (key order included).
    for (const [eventId, views] of expected) expect(JSON.stringify(attachments.get(eventId))).toBe(JSON.stringify(views));
  });
});

