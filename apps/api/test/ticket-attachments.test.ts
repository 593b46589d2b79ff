/**
 * Ticket attachments on real PostgreSQL and real files: upload for an act, what is stored (type
 * from the bytes, images re-encoded without EXIF, thumbnails, one file per content), refusals
 * that write nothing, the act naming its files, and downloads scope-checked and audited.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import exifReader from 'exif-reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedPath } from '../src/modules/attachments/attachment-store.js';
import { createTicket } from './helpers/factories.js';
import { multipartBody, type FormFile } from './helpers/multipart.js';
import { createTestApp, type Session, type TestApp } from './helpers/test-app.js';
import { act, intake, loginAll, type Sessions } from './tickets-fixtures.js';

const MAX_BYTES = 200 * 1024;
const MAX_FILES = 3;
let t: TestApp;
let s: Sessions;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'yixian-attachments-'));
  t = await createTestApp({ ATTACHMENTS_DIR: dir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES), ATTACHMENT_MAX_FILES: String(MAX_FILES) });
  s = await loginAll(t, ['demo-grid', 'demo-dept', 'demo-agent']);
});
afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A photo as a phone writes it: EXIF with the camera and where it was taken (28°11'24"N 112°58'12"E). */
async function photoWithGps(colour = '#2a7'): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: colour } }).jpeg().withExif({
    IFD0: { Make: 'TestCam', Model: 'Phone 1' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 11/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '112/1 58/1 1200/100' },
  }).toBuffer();
}
const png = (colour = '#36c') => sharp({ create: { width: 200, height: 100, channels: 4, background: colour } }).png().toBuffer();
const pdf = (size = 400) => Buffer.concat([Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);

async function upload(session: Session, ticketId: string, actName: string | null, files: FormFile[]) {
  const { payload, headers } = multipartBody(files);
  const query = actName ? `?act=${actName}` : '';
  return t.app.inject({ method: 'POST', url: `/api/tickets/${ticketId}/attachments${query}`, headers: { ...session.headers, ...headers }, payload });
}
const download = (session: Session, ticketId: string, id: string, suffix = '') =>
  t.app.inject({ url: `/api/tickets/${ticketId}/attachments/${id}${suffix}`, headers: { cookie: session.cookie } });
const storedFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name).sort();
const gridTicket = (state = 'in_progress') => createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01', state });

describe('a report with a geotagged photo', () => {
  it('stores the photo re-encoded without EXIF, with a thumbnail, and hands back its position', async () => {
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const filed = await intake(t, s['demo-grid']!, {
      channel: 'mobile', categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng, title: '工地夜间施工', description: '巡查发现工地夜间施工',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const ticketId = filed.json().ticket.id as string;
    const original = await photoWithGps();
    expect(exifReader((await sharp(original).metadata()).exif!).GPSInfo?.GPSLatitude).toEqual([28, 11, 24]);

    const response = await upload(s['demo-grid']!, ticketId, 'report', [{ name: 'IMG_0001.jpg', bytes: original, contentType: 'image/jpeg' }]);
    expect(response.statusCode, response.body).toBe(201);
    const [item] = response.json().items;
    expect(item).toMatchObject({ act: 'report', fileName: 'IMG_0001.jpg', contentType: 'image/jpeg', width: 640, height: 480, hasThumbnail: true });
    expect(item.position.lat).toBeCloseTo(28.19, 5);
    expect(item.position.lng).toBeCloseTo(112.97, 5);

    const row = await t.prisma.ticketAttachment.findUniqueOrThrow({ where: { id: item.id } });
    const stored = await readFile(storedPath(dir, row.sha256));
    expect(stored.equals(original)).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 640, height: 480 });
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from('TestCam'))).toBe(false);
    const thumbnail = await readFile(storedPath(dir, row.thumbSha256!));
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: 'jpeg', width: 320, height: 240 });

    // The report's own trail entry carries it, and the detail shows it.
    const detail = (await t.app.inject({ url: `/api/tickets/${ticketId}`, headers: { cookie: s['demo-grid']!.cookie } })).json();
    const created = detail.trail.find((entry: { action: string }) => entry.action === 'create');
    expect(created.attachments.map((a: { id: string }) => a.id)).toEqual([item.id]);
    const got = await download(s['demo-grid']!, ticketId, item.id, '/thumbnail');
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/jpeg');

    // Over the report's count once written to disk: the rows are refused, and the files this upload wrote go too.
    const filesBefore = await storedFiles();
    const morePhotos = await Promise.all(['#101', '#202', '#303'].map(async (colour, n) => ({ name: `more${n}.png`, bytes: await png(colour) })));
    const more = await upload(s['demo-grid']!, ticketId, 'report', morePhotos);
    expect(more.statusCode, more.body).toBe(400);
    expect(more.json()).toMatchObject({ field: 'files', message: `A report carries at most ${MAX_FILES} files; it has 1` });
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await t.prisma.ticketAttachment.count({ where: { ticketId } })).toBe(1);
  });

  it('keeps no position on a reply photo (it is not read, and never stored)', async () => {
    const ticket = await gridTicket();
    const response = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'after.jpg', bytes: await photoWithGps('#a72') }]);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().items[0].position).toBeNull();
    const row = await t.prisma.ticketAttachment.findUniqueOrThrow({ where: { id: response.json().items[0].id } });
    expect((await sharp(await readFile(storedPath(dir, row.sha256))).metadata()).exif).toBeUndefined();
  });
});

describe('the type comes from the bytes', () => {
  it('recognises a PNG named .pdf as a PNG', async () => {
    const ticket = await gridTicket();
    const response = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'scan.pdf', bytes: await png(), contentType: 'application/pdf' }]);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().items[0]).toMatchObject({ fileName: 'scan.pdf', contentType: 'image/png', hasThumbnail: true });
  });

  it('takes a WebP as WebP, and refuses a HEIC photo with the way out (JPEG)', async () => {
    const ticket = await gridTicket();
    const webp = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#5a5' } }).webp().toBuffer();
    const taken = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'shot.jpg', bytes: webp, contentType: 'image/jpeg' }]);
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().items[0]).toMatchObject({ contentType: 'image/webp', width: 120, hasThumbnail: true });
    // An ISO-BMFF header with the HEVC brand, as an iPhone writes it.
    const heic = Buffer.concat([Buffer.from('0000001866747970686569630000000068656963', 'hex'), Buffer.from('6d696631', 'hex'), Buffer.alloc(200)]);
    const refused = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'IMG_0002.HEIC', bytes: heic }]);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'files.0', details: { detected: 'image/heic' } });
    expect(refused.json().message).toContain('send it as JPEG');
  });

  it('keeps a PDF as sent, without a thumbnail', async () => {
    const ticket = await gridTicket();
    const bytes = pdf();
    const response = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: '整改报告.pdf', bytes }]);
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json().items[0];
    expect(item).toMatchObject({ contentType: 'application/pdf', hasThumbnail: false, width: null });
    const got = await download(s['demo-grid']!, ticket.id, item.id);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''%E6%95%B4");
    expect((await download(s['demo-grid']!, ticket.id, item.id, '/thumbnail')).statusCode).toBe(404);
  });

  it('refuses a text file named .jpg, an image that is not one, and a GIF, each a 400 naming the file; nothing is written', async () => {
    const ticket = await gridTicket();
    const filesBefore = await storedFiles();
    const rowsBefore = await t.prisma.ticketAttachment.count();
    const text = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'photo.jpg', bytes: Buffer.from('just some words, not a photo\n'), contentType: 'image/jpeg' }]);
    expect(text.statusCode, text.body).toBe(400);
    expect(text.json()).toMatchObject({ code: 'validation_failed', field: 'files.0' });
    expect(text.json().message).toContain('photo.jpg is not a JPEG, PNG, WebP or PDF file');

    // A JPEG's first bytes, then rubbish: it claims to be an image and is not one.
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(2000, 7)]);
    const broken = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'ok.png', bytes: await png() }, { name: 'broken.jpg', bytes: fake }]);
    expect(broken.statusCode, broken.body).toBe(400);
    expect(broken.json()).toMatchObject({ field: 'files.1' });
    expect(broken.json().message).toContain('broken.jpg looks like image/jpeg by its first bytes but is not a readable image');

    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).gif().toBuffer();
    const wrongType = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'anim.gif', bytes: gif }]);
    expect(wrongType.statusCode, wrongType.body).toBe(400);
    expect(wrongType.json().message).toContain('anim.gif is image/gif; only JPEG, PNG, WebP or PDF files are accepted');

    expect(await storedFiles()).toEqual(filesBefore);
    expect(await t.prisma.ticketAttachment.count()).toBe(rowsBefore);
  });
});

describe('limits', () => {
  it('refuses a file over the size limit and more files than an act may carry, writing nothing', async () => {
    const ticket = await gridTicket();
    const filesBefore = await storedFiles();
    const rowsBefore = await t.prisma.ticketAttachment.count();
    const big = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'big.pdf', bytes: pdf(MAX_BYTES + 10) }]);
    expect(big.statusCode, big.body).toBe(400);
    expect(big.json()).toMatchObject({ code: 'validation_failed', field: 'files.0' });
    expect(big.json().message).toBe('big.pdf is larger than 200 KB');

    const many = await upload(s['demo-grid']!, ticket.id, 'reply', [0, 1, 2, 3].map((n) => ({ name: `p${n}.pdf`, bytes: pdf(100 + n) })));
    expect(many.statusCode, many.body).toBe(400);
    expect(many.json()).toMatchObject({ field: 'files', message: `At most ${MAX_FILES} files at once` });
    expect(await storedFiles()).toEqual(filesBefore);
    expect(await t.prisma.ticketAttachment.count()).toBe(rowsBefore);

    // Uploaded in two goes, still at most MAX_FILES on the reply.
    const first = await upload(s['demo-grid']!, ticket.id, 'reply', [0, 1, 2].map((n) => ({ name: `a${n}.pdf`, bytes: pdf(200 + n) })));
    const second = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'a3.pdf', bytes: pdf(300) }]);
    const ids = [...first.json().items, ...second.json().items].map((item: { id: string }) => item.id);
    const reply = await act(t, s['demo-grid']!, ticket.id, 'reply', { content: '已处理', attachmentIds: ids });
    expect(reply.statusCode, reply.body).toBe(400);
    expect(reply.json()).toMatchObject({ field: 'attachmentIds', message: `A reply carries at most ${MAX_FILES} files` });
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('in_progress');
  });

  it('stores the same bytes once on disk, however many rows name them', async () => {
    const ticket = await gridTicket();
    const bytes = await photoWithGps('#135');
    const one = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'a.jpg', bytes }]);
    const filesAfterOne = await storedFiles();
    const two = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'b.jpg', bytes }]);
    expect(one.statusCode).toBe(201);
    expect(two.statusCode).toBe(201);
    expect(two.json().items[0].id).not.toBe(one.json().items[0].id);
    expect(two.json().items[0].sha256).toBe(one.json().items[0].sha256);
    expect(await storedFiles()).toEqual(filesAfterOne);
    expect(filesAfterOne).toContain(one.json().items[0].sha256);
  });
});

describe('acts carry their files', () => {
  it('a reply names its uploads: the trail and the detail show them, and whoever reads the ticket reads them', async () => {
    const ticket = await gridTicket();
    const uploaded = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'before.png', bytes: await png('#f00') }, { name: 'after.png', bytes: await png('#0f0') }]);
    const ids = uploaded.json().items.map((item: { id: string }) => item.id);
    const reply = await act(t, s['demo-grid']!, ticket.id, 'reply', { content: '已清理完毕', attachmentIds: ids });
    expect(reply.statusCode, reply.body).toBe(200);
    const entry = reply.json().trail.at(-1);
    expect(entry).toMatchObject({ action: 'reply', data: { content: '已清理完毕', attachmentIds: ids } });
    expect(entry.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['before.png', 'after.png']);
    const event = await t.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: ticket.id, action: 'reply' } });
    expect(await t.prisma.ticketAttachment.count({ where: { id: { in: ids }, eventId: event.id } })).toBe(2);

    // The district's agent reads the ticket, so it reads the reply's files.
    const byAgent = await download(s['demo-agent']!, ticket.id, ids[0]);
    expect(byAgent.statusCode, byAgent.body).toBe(200);
    expect(byAgent.headers['content-type']).toBe('image/png');
  });

  it('a return names its uploads; an upload for the wrong act is refused, an id of another ticket is a 400 and the return is not made', async () => {
    const ticket = await gridTicket('dispatched');
    const other = await gridTicket('dispatched');
    const forReply = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'x.pdf', bytes: pdf(11) }]);
    expect(forReply.statusCode, forReply.body).toBe(409);
    const elsewhere = await upload(s['demo-grid']!, other.id, 'return', [{ name: 'y.pdf', bytes: pdf(12) }]);
    const mine = await upload(s['demo-grid']!, ticket.id, 'return', [{ name: '权属说明.pdf', bytes: pdf(13) }]);
    expect(mine.statusCode, mine.body).toBe(201);
    const wrong = await act(t, s['demo-grid']!, ticket.id, 'return', { reasonCode: 'wrong_location', note: '不属本网格', attachmentIds: [elsewhere.json().items[0].id] });
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.json()).toMatchObject({ field: 'attachmentIds' });
    expect((await t.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).state).toBe('dispatched');

    const returned = await act(t, s['demo-grid']!, ticket.id, 'return', { reasonCode: 'wrong_location', note: '不属本网格', attachmentIds: [mine.json().items[0].id] });
    expect(returned.statusCode, returned.body).toBe(200);
    const entry = returned.json().trail.at(-1);
    expect(entry.action).toBe('return');
    expect(entry.attachments).toMatchObject([{ id: mine.json().items[0].id, fileName: '权属说明.pdf', act: 'return' }]);
  });
});

describe('scope and audit', () => {
  it('a unit outside the scope gets 404 on upload and download, and each refusal is audited', async () => {
    const ticket = await gridTicket();
    const uploaded = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'a.png', bytes: await png('#999') }]);
    const id = uploaded.json().items[0].id as string;
    await act(t, s['demo-grid']!, ticket.id, 'reply', { content: '已处理', attachmentIds: [id] });

    const allowed = await download(s['demo-grid']!, ticket.id, id);
    expect(allowed.statusCode).toBe(200);
    expect(await t.prisma.auditLog.findFirst({ where: { action: 'personal_data.ticket_attachment_download', resourceId: id, outcome: 'allowed' } })).not.toBeNull();

    const outside = await download(s['demo-dept']!, ticket.id, id);
    expect(outside.statusCode).toBe(404);
    expect((await download(s['demo-dept']!, ticket.id, id, '/thumbnail')).statusCode).toBe(404);
    const denied = await t.prisma.auditLog.findMany({ where: { action: 'personal_data.ticket_attachment_download', resourceId: ticket.id, outcome: 'denied' } });
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ actorName: 'demo-dept', reason: 'not_found', resource: 'ticket' });

    const refusedUpload = await upload(s['demo-dept']!, ticket.id, 'reply', [{ name: 'b.png', bytes: await png('#998') }]);
    expect(refusedUpload.statusCode).toBe(404);
    expect(await t.prisma.auditLog.count({ where: { action: 'ticket.attachment_upload', resourceId: ticket.id, outcome: 'denied' } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { action: 'ticket.attachment_upload', resourceId: ticket.id, outcome: 'allowed' } })).toBe(1);
  });

  it("keeps a pending upload its uploader's own; asks for the act; refuses JSON", async () => {
    const ticket = await gridTicket();
    const uploaded = await upload(s['demo-grid']!, ticket.id, 'reply', [{ name: 'draft.png', bytes: await png('#777') }]);
    const id = uploaded.json().items[0].id as string;
    expect((await download(s['demo-grid']!, ticket.id, id)).statusCode).toBe(200);
    expect((await download(s['demo-agent']!, ticket.id, id)).statusCode).toBe(404);
    const detail = (await t.app.inject({ url: `/api/tickets/${ticket.id}`, headers: { cookie: s['demo-agent']!.cookie } })).json();
    expect(JSON.stringify(detail)).not.toContain(id);

    const noAct = await upload(s['demo-grid']!, ticket.id, null, [{ name: 'c.png', bytes: await png() }]);
    expect(noAct.statusCode).toBe(400);
    expect(noAct.json()).toMatchObject({ field: 'act' });
    const json = await t.app.inject({ method: 'POST', url: `/api/tickets/${ticket.id}/attachments?act=reply`, headers: s['demo-grid']!.headers, payload: {} });
    expect(json.statusCode, json.body).toBe(400);
    expect(json.json()).toMatchObject({ field: 'files' });
    const notFiler = await upload(s['demo-grid']!, ticket.id, 'report', [{ name: 'c.png', bytes: await png() }]);
    expect(notFiler.statusCode).toBe(403);
  });
});
