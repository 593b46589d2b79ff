/**
 * The standing role × route × scope matrix (issue 13, Build 6), generated from the routes the app
 * registered: every account with a limited scope, on every route it may call that names a ticket,
 * for tickets placed out of its reach — another area, another unit, confidential in its own area,
 * re-dispatched away from its unit, merged, diverted — answers 403 or 404; and no list, search,
 * export, duplicates panel, worklist, caller history or drill-down body carries any of them. One app,
 * one seeded database, requests through `app.inject`. Bodies are sampled from each route's own
 * schema (the OpenAPI document), so an act is refused by scope, not by validation.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '@yixian/db';
import { CENTRE_ROLES, type Role } from '@yixian/domain';
import { refreshRollups } from '../src/modules/statistics/refresh-rollups.js';
import { recordTicketEvent } from '../src/modules/tickets/record-ticket-event.js';
import { createTicket, randomPhone } from './helpers/factories.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';
import { sampleOf, typeOf, type JsonSchema, type SampleHint } from '../../../scripts/drills/lib/schema-sample.js';

let t: TestApp;
const sessions: Record<string, Session> = {};
const PERIOD_FROM = '2026-03-01T16:00:00.000Z';

interface Account {
  username: string; roles: Role[]; unitId: string | null; areaId: string | null; scopeAreaIds: string[]; scopeUnitIds: string[];
  /** The centre's accounts have a phone, so a call-out reaches its scope check. */
  extension?: string;
}
/** Every kind of limited scope: a department, a street, a grid, a grid chief, a liaison, a centre agent and shift lead kept to one street. */
const ACCOUNTS: Account[] = [
  { username: 'mx-dept', roles: ['dept_handler'], unitId: 'dept-urban-management', areaId: null, scopeAreaIds: [], scopeUnitIds: ['dept-urban-management'] },
  { username: 'mx-dept-admin', roles: ['dept_admin'], unitId: 'dept-urban-management', areaId: null, scopeAreaIds: [], scopeUnitIds: ['dept-urban-management'] },
  { username: 'mx-street', roles: ['dept_handler', 'dept_admin'], unitId: 'so-s01', areaId: 's01', scopeAreaIds: ['s01'], scopeUnitIds: ['so-s01'] },
  { username: 'mx-grid', roles: ['grid_member'], unitId: 'gt-s01g01', areaId: 's01g01', scopeAreaIds: ['s01g01'], scopeUnitIds: ['gt-s01g01'] },
  { username: 'mx-grid-chief', roles: ['grid_member', 'dept_admin'], unitId: 'gt-s01g01', areaId: 's01g01', scopeAreaIds: ['s01g01'], scopeUnitIds: ['gt-s01g01'] },
  { username: 'mx-agent', roles: ['agent'], unitId: null, areaId: 's01', scopeAreaIds: ['s01'], scopeUnitIds: [], extension: '8791' },
  { username: 'mx-lead', roles: ['shift_lead', 'dispatcher'], unitId: null, areaId: 's01', scopeAreaIds: ['s01'], scopeUnitIds: [], extension: '8792' },
];
const isCentre = (account: Account) => account.roles.some((role) => CENTRE_ROLES.includes(role));

/** Out-of-reach tickets by placement; `confidential` is out of reach only for the units' accounts. */
const placed: Record<string, Ticket> = {};
/** One ticket each account does read, so the matrix is not empty-handed. */
const own: Record<string, Ticket> = {};
const caller = randomPhone();

async function place(name: string, options: Parameters<typeof createTicket>[1], data: Record<string, unknown> = {}) {
  const ticket = await createTicket(t.prisma, { callerNumber: caller, ...options });
  // A marker in the words, so a leak of the title or description is found in any body.
  placed[name] = await t.prisma.ticket.update({
    where: { id: ticket.id }, data: { title: `MX-${name}-${ticket.id.slice(0, 8)}`, description: `MX-${name} description`, createdAt: t.clock.now(), ...data },
  });
}

async function trail(ticket: Ticket, steps: { action: string; unitId?: string; minute: number }[]) {
  await t.prisma.$transaction(async (tx) => {
    for (const step of steps) {
      await recordTicketEvent(tx, {
        ticketId: ticket.id, action: step.action, fromState: null, toState: step.action === 'create' ? 'accepted' : 'dispatched',
        actorId: null, actorRole: 'dispatcher', ...(step.unitId ? { unitId: step.unitId } : {}), at: new Date(Date.parse(PERIOD_FROM) + step.minute * 60_000),
      });
    }
  });
}

beforeAll(async () => {
  t = await createTestApp({ PBX_COMMAND_TIMEOUT_MS: '300' });
  const template = await t.prisma.user.findUniqueOrThrow({ where: { username: 'demo-dept' } });
  for (const account of ACCOUNTS) {
    await t.prisma.user.create({
      data: { ...template, extension: null, ...account, id: randomUUID(), displayName: account.username, scopeAll: false, scopeCategoryIds: [], createdAt: undefined, updatedAt: undefined },
    });
    sessions[account.username] = await login(t.app, account.username);
  }
  await place('otherArea', { areaId: 's02g01', leadUnitId: 'gt-s02g01', state: 'replied' });
  await place('otherUnit', { areaId: 's03g01', leadUnitId: 'dept-environment', supportingUnitIds: ['so-s03'], state: 'signed' });
  await place('confidential', { areaId: 's01g01', leadUnitId: 'dept-petitions', confidential: true, state: 'signed' });
  await place('redispatchedFromDept', { areaId: 's02g02', leadUnitId: 'so-s02', state: 'dispatched' });
  await trail(placed.redispatchedFromDept!, [{ action: 'create', minute: 1 }, { action: 'dispatch', unitId: 'dept-urban-management', minute: 2 }, { action: 'dispatch', unitId: 'so-s02', minute: 60 }]);
  await place('redispatchedFromStreet', { areaId: 's03g02', leadUnitId: 'dept-environment', state: 'dispatched' });
  await trail(placed.redispatchedFromStreet!, [{ action: 'create', minute: 1 }, { action: 'dispatch', unitId: 'so-s01', minute: 2 }, { action: 'dispatch', unitId: 'dept-environment', minute: 60 }]);
  await place('mergeTarget', { areaId: 's04g01', leadUnitId: 'gt-s04g01', state: 'signed' });
  await place('merged', { areaId: 's04g01', leadUnitId: 'gt-s04g01', state: 'merged' }, { mergedIntoId: placed.mergeTarget!.id });
  await place('divertedFrom', { areaId: 's05g01', leadUnitId: 'gt-s05g01', state: 'closed' });
  await place('diverted', { areaId: 's05g01', leadUnitId: 'police-desk', state: 'accepted' }, { ticketClass: 'police', policeState: 'received', linkedTicketId: placed.divertedFrom!.id });
  await t.prisma.ticket.update({ where: { id: placed.divertedFrom!.id }, data: { linkedTicketId: placed.diverted!.id } });
  await refreshRollups(t.prisma);

  own.area = await createTicket(t.prisma, { areaId: 's01g01', leadUnitId: 'gt-s01g01' });
  own.unit = await createTicket(t.prisma, { areaId: 's06g01', leadUnitId: 'dept-urban-management' });
});
afterAll(async () => t?.close());

/** The tickets out of the account's reach (the centre reads a confidential ticket in its scope). */
function outOfReach(account: Account): [string, Ticket][] {
  return Object.entries(placed).filter(([name]) => !(name === 'confidential' && isCentre(account)));
}

const routeRoles = (roles: 'public' | readonly string[]) => (roles === 'public' ? [] : roles);
const mayCall = (account: Account, roles: 'public' | readonly string[]) => account.roles.some((role) => routeRoles(roles).includes(role));

function openApiBodies(): Map<string, JsonSchema | undefined> {
  const doc = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>> };
  const bodies = new Map<string, JsonSchema | undefined>();
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      bodies.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, operation.requestBody?.content?.['application/json']?.schema);
    }
  }
  return bodies;
}

/** Gets a body past validation to the scope check: ids that exist by their name, visible text otherwise. */
function probeHint(ticketId: string, unitId: string): SampleHint {
  return (name, schema) => {
    if (typeOf(schema) !== 'string' || schema.format || schema.enum || schema.anyOf) return undefined;
    if (/ticketid$/i.test(name)) return ticketId;
    if (/unitid$/i.test(name)) return unitId;
    const text = 'scope matrix probe';
    const length = Math.max(schema.minLength ?? 1, Math.min(text.length, schema.maxLength ?? text.length));
    return text.padEnd(length, 'x').slice(0, length);
  };
}

describe('role × route × scope matrix', () => {
  it('each account reads its own ticket (the matrix has something to refuse against)', async () => {
    for (const account of ACCOUNTS) {
      const mine = account.scopeAreaIds.length > 0 ? own.area! : own.unit!;
      const response = await t.app.inject({ url: `/api/tickets/${mine.id}`, headers: { cookie: sessions[account.username]!.cookie } });
      expect(response.statusCode, account.username).toBe(200);
    }
  });

  it('answers 403 or 404 on every ticket route for every ticket out of reach, and changes none of them', { timeout: 120_000 }, async () => {
    const bodies = openApiBodies();
    const ticketRoutes = t.app.routeRegistry.filter((route) => /\/tickets\/:id(\/|$)/.test(route.url));
    expect(ticketRoutes.length).toBeGreaterThan(20);
    const before = await t.prisma.ticket.findMany({ where: { id: { in: Object.values(placed).map((ticket) => ticket.id) } }, orderBy: { id: 'asc' } });
    const eventsBefore = await t.prisma.ticketEvent.count();
    const wrong: string[] = [];
    let asked = 0;
    for (const account of ACCOUNTS) {
      const session = sessions[account.username]!;
      for (const route of ticketRoutes.filter((r) => mayCall(account, r.roles))) {
        const key = `${route.method} ${route.url}`;
        for (const [name, ticket] of outOfReach(account)) {
          const url = route.url.replace(':id', ticket.id).replace(/:[A-Za-z]+/g, () => randomUUID());
          const schema = bodies.get(key);
          const payload = route.method === 'GET' ? undefined : (schema ? sampleOf(schema, probeHint(own.area!.id, 'so-s01')) : {}) as Record<string, unknown>;
          const response = await t.app.inject({ method: route.method as 'GET', url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
          asked++;
          if (response.statusCode !== 403 && response.statusCode !== 404) wrong.push(`${account.username} ${key} [${name}] → ${response.statusCode} ${response.body.slice(0, 160)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(asked).toBeGreaterThan(500);
    expect(await t.prisma.ticket.findMany({ where: { id: { in: before.map((ticket) => ticket.id) } }, orderBy: { id: 'asc' } })).toEqual(before);
    expect(await t.prisma.ticketEvent.count()).toBe(eventsBefore);
  });

  it('lists none of them in any list, search, export, panel, worklist, history or drill-down body', { timeout: 60_000 }, async () => {
    const readers: { url: string; roles: readonly Role[] | 'any' }[] = [
      { url: '/api/tickets?pageSize=200', roles: 'any' },
      { url: '/api/tickets/search?pageSize=100', roles: 'any' },
      { url: `/api/tickets/search?keyword=MX&pageSize=100`, roles: 'any' },
      { url: '/api/tickets/search/export?format=csv', roles: 'any' },
      { url: `/api/tickets/search?number=${caller}`, roles: ['agent', 'shift_lead', 'dispatcher', 'commander'] },
      { url: '/api/tickets/recent?limit=50', roles: 'any' },
      { url: '/api/tickets/reply-reviews', roles: 'any' },
      { url: `/api/tickets/duplicates?callerNumber=${caller}`, roles: 'any' },
      ...['s01g01', 's02g01', 's02g02', 's03g01', 's03g02', 's04g01', 's05g01'].map((areaId) => ({ url: `/api/tickets/duplicates?categoryId=env.noise&areaId=${areaId}`, roles: 'any' as const })),
      { url: '/api/worklists/follow-ups', roles: 'any' },
      { url: `/api/callers/${caller}/history`, roles: 'any' },
      { url: '/api/notifications', roles: 'any' },
      ...['on_time_sign', 'return_rate', 'extension_rate'].flatMap((metric) => ['numerator', 'denominator'].flatMap((part) => ['json', 'csv'].map((format) => ({
        url: `/api/statistics/drill?metric=${metric}&part=${part}&from=${PERIOD_FROM}&to=2026-04-01&pageSize=200&format=${format}`, roles: 'any' as const,
      })))),
    ];
    const registry = t.app.routeRegistry;
    const wrong: string[] = [];
    let read = 0;
    for (const account of ACCOUNTS) {
      const session = sessions[account.username]!;
      const hidden = outOfReach(account).flatMap(([, ticket]) => [ticket.id, ticket.code, ticket.title!]);
      for (const reader of readers) {
        const path = reader.url.split('?')[0]!;
        const route = registry.find((r) => r.method === 'GET' && new RegExp(`^${r.url.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));
        expect(route, reader.url).toBeDefined();
        if (!mayCall(account, route!.roles)) continue;
        if (reader.roles !== 'any' && !account.roles.some((role) => (reader.roles as readonly Role[]).includes(role))) continue;
        const response = await t.app.inject({ url: reader.url, headers: { cookie: session.cookie } });
        read++;
        if (response.statusCode >= 500) wrong.push(`${account.username} ${reader.url} → ${response.statusCode}`);
        const leaked = hidden.filter((marker) => response.body.includes(marker));
        if (leaked.length > 0) wrong.push(`${account.username} ${reader.url} → ${response.statusCode} shows ${leaked.join(', ')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThan(50);
  });
});
