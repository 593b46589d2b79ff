/**
 * Staff read a letter's attachments through its ticket: whoever may read the ticket lists the
 * files and downloads each with its own type and name (RFC 5987 for a Chinese name); anyone
 * else, another letter's file, or a ticket that is no letter gets 404. Every access, allowed or
 * refused, leaves an audit row that names the ticket and file and nothing of the citizen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';
import { fileLetter, PNG_BYTES } from './mailbox-fixtures.js';
import { intake, loginAll, type Sessions } from './tickets-fixtures.js';

const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

let t: TestApp;
let s: Sessions;
let letter: { ticketId: string; ticketCode: string };
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-dept', 'demo-commander', 'demo-grid', 'demo-admin', 'demo-agent']);
  // Routed to dept-urban-management: demo-dept's unit holds it; demo-grid's grid team does not.
  letter = await fileLetter(t, [
    { fileName: '现场照片.png', contentType: 'image/png', data: PNG_BYTES.toString('base64') },
    { fileName: 'complaint "v2".pdf', contentType: 'application/pdf', data: PDF_BYTES.toString('base64') },
  ]);
});
afterAll(async () => t?.close());

const get = (user: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: s[user]!.cookie } });
const listUrl = (ticketId: string) => `/api/mailbox/tickets/${ticketId}/attachments`;

interface Listed { id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string }

async function auditRows(since: bigint) {
  return t.prisma.auditLog.findMany({ where: { id: { gt: since }, action: { startsWith: 'personal_data.attachment' } }, orderBy: { id: 'asc' } });
}
const lastAuditId = async () => (await t.prisma.auditLog.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;

describe('letter attachments for staff', () => {
  it('lists the files and downloads each with its type and name, auditing every access', async () => {
    const since = await lastAuditId();
    const listed = await get('demo-dept', listUrl(letter.ticketId));
    expect(listed.statusCode, listed.body).toBe(200);
    const items = listed.json<{ items: Listed[] }>().items;
    // By name (files of one letter share its time).
    expect(items.map(({ fileName, contentType, sizeBytes }) => ({ fileName, contentType, sizeBytes }))).toEqual([
      { fileName: 'complaint "v2".pdf', contentType: 'application/pdf', sizeBytes: PDF_BYTES.length },
      { fileName: '现场照片.png', contentType: 'image/png', sizeBytes: PNG_BYTES.length },
    ]);
    expect(Object.keys(items[0]!).sort()).toEqual(['contentType', 'createdAt', 'fileName', 'id', 'sha256', 'sizeBytes']);

    const [pdfItem, pngItem] = items as [Listed, Listed];
    const png = await get('demo-dept', `${listUrl(letter.ticketId)}/${pngItem.id}`);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toBe(`attachment; filename="____.png"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png`);
    expect(png.headers['x-content-type-options']).toBe('nosniff');
    expect(png.headers['cache-control']).toBe('private, no-store');
    expect(png.rawPayload.equals(PNG_BYTES)).toBe(true);

    const pdf = await get('demo-commander', `${listUrl(letter.ticketId)}/${pdfItem.id}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="complaint _v2_.pdf"; filename*=UTF-8''complaint%20%22v2%22.pdf`);
    expect(pdf.rawPayload.equals(PDF_BYTES)).toBe(true);

    const rows = await auditRows(since);
    expect(rows.map((row) => [row.action, row.outcome, row.actorName, row.resource, row.resourceId])).toEqual([
      ['personal_data.attachment_list', 'allowed', 'demo-dept', 'ticket', letter.ticketId],
      ['personal_data.attachment_download', 'allowed', 'demo-dept', 'mailbox_attachment', pngItem.id],
      ['personal_data.attachment_download', 'allowed', 'demo-commander', 'mailbox_attachment', pdfItem.id],
    ]);
    expect(rows[1]!.details).toMatchObject({ ticketId: letter.ticketId, sizeBytes: PNG_BYTES.length, sha256: pngItem.sha256 });
    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id: letter.ticketId } });
    for (const row of rows) expect(JSON.stringify({ ...row, id: String(row.id) })).not.toMatch(new RegExp(`${ticket.callerNumber!}|李先生`));
  });

  it('answers 404 outside the ticket’s scope, for another letter’s file and for a ticket that is no letter — audited as denied', async () => {
    const other = await fileLetter(t, [{ fileName: 'other.png', contentType: 'image/png', data: PNG_BYTES.toString('base64') }]);
    const otherFile = (await get('demo-dept', listUrl(other.ticketId))).json<{ items: Listed[] }>().items[0]!;
    const ours = (await get('demo-dept', listUrl(letter.ticketId))).json<{ items: Listed[] }>().items[0]!;
    const web = await intake(t, s['demo-agent']!, { channel: 'web', categoryId: 'env.noise', areaId: 's01g01', title: '噪音', description: '夜间噪音', dispatch: true });
    const webId = web.json().ticket.id as string;

    const since = await lastAuditId();
    const refusals: [string, string, string | undefined][] = [
      ['demo-grid', listUrl(letter.ticketId), 'id'],
      ['demo-grid', `${listUrl(letter.ticketId)}/${ours.id}`, 'id'],
      ['demo-dept', `${listUrl(letter.ticketId)}/${otherFile.id}`, 'attachmentId'],
      ['demo-agent', listUrl(webId), 'id'],
      ['demo-dept', listUrl('no-such-ticket'), 'id'],
    ];
    for (const [user, url, field] of refusals) {
      const response = await get(user, url);
      expect(response.statusCode, `${user} ${url}: ${response.body}`).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field });
    }
    expect((await get('demo-agent', listUrl(webId))).json().message).toContain('is not a mailbox letter');
    const rows = await auditRows(since);
    expect(rows).toHaveLength(refusals.length + 1);
    expect(rows.every((row) => row.outcome === 'denied' && row.reason === 'not_found' && row.resource === 'ticket')).toBe(true);
    expect(rows[0]).toMatchObject({ action: 'personal_data.attachment_list', actorName: 'demo-grid', resourceId: letter.ticketId });
    expect(rows[2]).toMatchObject({ action: 'personal_data.attachment_download', actorName: 'demo-dept', resourceId: letter.ticketId });

    // Roles that read no tickets are stopped before, by the access check (403, audited there).
    const admin = await get('demo-admin', listUrl(letter.ticketId));
    expect(admin.statusCode).toBe(403);
    expect(await t.prisma.auditLog.count({ where: { id: { gt: since }, action: 'access.denied', actorName: 'demo-admin' } })).toBe(1);
  });
});
