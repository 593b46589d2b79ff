/**
 * Drill: bad input everywhere. (1) A corpus of malformed HTTP requests generated from the routes
 * the API registered and its OpenAPI document — wrong types, missing and unknown fields, huge
 * bodies, injection strings, bad enum values, forged or missing CSRF headers, forged and expired
 * sessions (`http-corpus.ts`); NUL bytes, 1e400 and NaN, year-0 and impossible dates, reversed
 * ranges, array-wrapped and stringified values, blank reasons (`hostile-corpus.ts`) — plus valid
 * requests on a ticket outside the caller's scope: every answer must be a 4xx and no table may
 * change (so no ticket number is taken; the audit log may only gain its "denied" entries, by
 * design). (2) Raw HTTP on a socket (`raw-http-corpus.ts`): slow and unfinished bodies and headers,
 * bad framing, NUL in the request line: 4xx, every slow request cut, and health still ok after.
 * (3) An AMI fuzz against the bridge's client (`ami-fuzz.ts`).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { DrillDefinition } from './lib/drill-types.js';
import { createDrillData, DRILL_PASSWORD } from './lib/drill-services.js';
import { buildHttpCorpus, USER_OF_ROLE, type CorpusRequest, type OpenApiDocument } from './lib/http-corpus.js';
import { buildHostileCorpus } from './lib/hostile-corpus.js';
import { sendRawCorpus, type RawOutcome } from './lib/raw-http-corpus.js';
import { loginSession, sendCorpus, type CorpusSessions } from './lib/send-corpus.js';
import { diffTableChecksums, takeTableChecksums } from './lib/table-checksums.js';
import { runAmiFuzz } from './lib/ami-fuzz.js';
import { buildApp } from '../../apps/api/src/app.js';
import { createManualClock } from '../../apps/api/src/lib/clock.js';

/** Valid requests on a ticket the caller may not see: each must be a 404 (or 403 by role), writing nothing. */
function scopeRequests(ticketId: string): CorpusRequest[] {
  const requests: CorpusRequest[] = [];
  for (const user of ['demo-grid', 'demo-street']) {
    const session = { user, csrf: 'valid' as const };
    const json = (value: unknown) => ({ payload: JSON.stringify(value), contentType: 'application/json' });
    requests.push({ label: `other scope: read as ${user}`, method: 'GET', url: `/api/tickets/${ticketId}`, session });
    requests.push({ label: `other scope: sign as ${user}`, method: 'POST', url: `/api/tickets/${ticketId}/sign`, session, ...json({}) });
    requests.push({ label: `other scope: return as ${user}`, method: 'POST', url: `/api/tickets/${ticketId}/return`, session, ...json({ reasonCode: 'not_our_remit', note: 'not ours' }) });
    requests.push({ label: `other scope: reply as ${user}`, method: 'POST', url: `/api/tickets/${ticketId}/reply`, session, ...json({ content: 'done' }) });
    requests.push({ label: `other scope: reveal caller as ${user}`, method: 'POST', url: `/api/tickets/${ticketId}/reveal-caller`, session, ...json({ reason: 'curiosity' }) });
  }
  return requests;
}

/** Every raw case answered 4xx and was closed in time; a silent close only where the client gave up. */
function judgeRaw(outcomes: RawOutcome[]): string[] {
  const failures: string[] = [];
  for (const o of outcomes) {
    if (o.hung) failures.push(`raw: ${o.case.label} still open after ${o.ms} ms`);
    else if (o.status === 0 ? !o.case.closeAllowed : o.status < 400 || o.status >= 500) failures.push(`raw: ${o.case.label} → ${o.status || 'closed without an answer'}`);
  }
  return [...new Set(failures)];
}

async function readHealth(app: FastifyInstance): Promise<{ statusCode: number; status: string }> {
  const response = await app.inject({ method: 'GET', url: '/api/health' });
  return { statusCode: response.statusCode, status: response.json<{ status: string }>().status };
}

export const badInputDrill: DrillDefinition = {
  name: 'bad-input',
  summary: '≥ 500 malformed requests from the route schemas and raw HTTP (slow bodies, NUL bytes, 1e400, year-0 dates, wrong types: all 4xx, no row written, no ticket number taken, health ok) and an AMI fuzz against the bridge client (no crash, every bad frame counted)',
  async run({ quick, log }) {
    // Short server time limits, so that the slow-body cases end within the drill.
    const data = await createDrillData({ PBX_COMMAND_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '1000', HEADERS_TIMEOUT_MS: '1000' });
    const clock = createManualClock(new Date('2026-03-02T02:00:00Z'));
    const app = await buildApp({ config: data.config, clock, logger: false });
    const failures: string[] = [];
    try {
      await app.ready();
      const area = await data.prisma.area.findFirstOrThrow({ where: { path: { startsWith: '/wangcheng/s05/' } } });
      const ticketId = randomUUID();
      await data.prisma.ticket.create({
        data: {
          id: ticketId, code: `DRILL-${ticketId.slice(0, 8)}`, channel: 'phone', ticketClass: 'non_police', state: 'dispatched', kind: 'complaint',
          categoryId: 'env.noise', title: 'drill', description: 'out of scope', callerNumber: '13800000000', areaId: area.id, areaPath: area.path,
          leadUnitId: 'dept-environment', supportingUnitIds: [],
        },
      });
      // No demo account is a plain dept_admin: make one, as the route matrix test does.
      const dept = await data.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
      await data.prisma.user.create({ data: { ...dept, id: randomUUID(), username: 'drill-dept-admin', roles: ['dept_admin'], createdAt: undefined, updatedAt: undefined } });
      const expired = await loginSession(app, 'demo-agent', DRILL_PASSWORD);
      clock.advance((data.config.sessionIdleMinutes + 1) * 60_000);
      const sessions: CorpusSessions = { live: new Map(), expiredCookie: expired.cookie };
      for (const user of new Set([...Object.values(USER_OF_ROLE), 'demo-street'])) sessions.live.set(user!, await loginSession(app, user!, DRILL_PASSWORD));

      const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json<OpenApiDocument>();
      const corpus = [...buildHttpCorpus(app.routeRegistry, doc), ...buildHostileCorpus(app.routeRegistry, doc), ...scopeRequests(ticketId)];
      const auditBefore = await data.prisma.auditLog.count();
      const before = await takeTableChecksums(data.prisma, ['audit_log']);
      const healthBefore = await readHealth(app);
      log(`${corpus.length} malformed requests across ${app.routeRegistry.length} routes`);
      const outcomes = await sendCorpus(app, corpus, sessions);
      await app.listen({ port: 0, host: '127.0.0.1' });
      const raw = await sendRawCorpus({ port: (app.server.address() as AddressInfo).port, session: sessions.live.get('demo-agent')!, slowBodies: quick ? 40 : 300, limitMs: 15_000 });
      log(`${raw.length} raw HTTP cases, the slowest closed after ${Math.max(...raw.map((o) => o.ms))} ms`);
      const after = await takeTableChecksums(data.prisma, ['audit_log']);
      const healthAfter = await readHealth(app);
      const auditRows = await data.prisma.auditLog.findMany({ skip: auditBefore, orderBy: { id: 'asc' }, select: { outcome: true, action: true } });

      const not4xx = outcomes.filter((o) => o.status < 400 || o.status >= 500);
      for (const o of not4xx.slice(0, 25)) failures.push(`${o.request.method} ${o.request.url.slice(0, 80)} (${o.request.label}) → ${o.status} ${o.code ?? ''}`);
      if (not4xx.length > 25) failures.push(`… and ${not4xx.length - 25} more answers outside 4xx`);
      failures.push(...judgeRaw(raw));
      if (healthAfter.statusCode !== 200 || healthAfter.status !== healthBefore.status) failures.push(`health after the corpus: ${healthAfter.statusCode} ${healthAfter.status} (before: ${healthBefore.statusCode} ${healthBefore.status})`);
      const changed = diffTableChecksums(before, after);
      for (const change of changed) failures.push(`table ${change.table} changed (${change.rowsAdded >= 0 ? '+' : ''}${change.rowsAdded} rows)`);
      const auditNotDenied = auditRows.filter((row) => row.outcome !== 'denied');
      if (auditNotDenied.length > 0) failures.push(`${auditNotDenied.length} audit entries that are not denials: ${[...new Set(auditNotDenied.map((r) => r.action))].join(', ')}`);
      if (corpus.length + raw.length < 500) failures.push(`the corpus has only ${corpus.length + raw.length} requests (≥ 500 wanted)`);

      const fuzz = await runAmiFuzz({ data, frames: quick ? 300 : 3_000, log });
      failures.push(...fuzz.failures);
      const byStatus: Record<string, number> = {};
      for (const o of outcomes) byStatus[`http${o.status}`] = (byStatus[`http${o.status}`] ?? 0) + 1;
      return {
        lost: 0,
        duplicated: 0,
        failures,
        figures: {
          requests: corpus.length,
          rawHttpCases: raw.length,
          rawSlowestCloseMs: Math.max(...raw.map((o) => o.ms)),
          rawHung: raw.filter((o) => o.hung).length,
          routes: app.routeRegistry.length,
          answers4xx: outcomes.length - not4xx.length,
          answers5xx: outcomes.filter((o) => o.status >= 500).length,
          answers2xx3xx: outcomes.filter((o) => o.status < 400).length,
          tablesChanged: changed.length,
          deniedAuditEntries: auditRows.length - auditNotDenied.length,
          ...byStatus,
          ...fuzz.figures,
        },
      };
    } finally {
      await app.close().catch(() => undefined);
      await data.cleanup();
    }
  },
};
