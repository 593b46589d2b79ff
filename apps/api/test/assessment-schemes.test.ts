/**
 * Assessment schemes over HTTP: admin edits (each creation and new version audited), bad rules
 * refused with the reason and nothing stored or audited, versions immutable.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEME_ID } from '../../../prisma/seed/seed-assessment.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Session;
let commander: Session;
let lead: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
  commander = await login(t.app, 'demo-commander');
  lead = await login(t.app, 'demo-lead');
});
afterAll(async () => t?.close());

const linear = (zeroAt: number, fullAt: number) => ({ kind: 'linear', zeroAt, fullAt });
const goodRules = {
  department: [
    { indicator: 'on_time_sign', weight: 60, rule: linear(0.6, 0.95) },
    { indicator: 'supervision_count', weight: 40, rule: { kind: 'deduction', pointsPerEvent: 2 } },
  ],
};

/** The assessment audit rows about one scheme, oldest first. */
const schemeAudit = (schemeId: string) =>
  t.prisma.auditLog.findMany({ where: { resource: 'assessment_scheme', resourceId: schemeId }, orderBy: { id: 'asc' } });

async function postScheme(session: Session, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/assessment/schemes', headers: session.headers, payload: body });
}

describe('assessment schemes', () => {
  it('lists the seeded default scheme to supervisors', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/assessment/schemes', headers: lead.headers });
    expect(response.statusCode).toBe(200);
    const seeded = response.json<{ id: string; latestVersion: number; versions: { rules: Record<string, unknown[]> }[] }[]>().find((s) => s.id === DEFAULT_SCHEME_ID);
    // Version 1 gave full marks without data; the seed's version 2 leaves no-data out and is the latest.
    expect(seeded?.latestVersion).toBe(2);
    expect(seeded?.versions[0]?.rules.department).toHaveLength(9);
    expect(seeded?.versions[0]?.rules.department?.[0]).toMatchObject({ rule: { whenNoData: 'exclude' } });
    expect(seeded?.versions[1]?.rules.department?.[0]).toMatchObject({ rule: { whenNoData: 'full' } });
  });

  it('lets admin create a scheme and nobody else', async () => {
    const created = await postScheme(admin, { name: '测试方案', rules: goodRules });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ latestVersion: number; versions: { version: number; rules: typeof goodRules }[] }>();
    expect(body.latestVersion).toBe(1);
    // whenNoData is filled in with its default.
    expect(body.versions[0]?.rules.department[0]?.rule).toEqual({ kind: 'linear', zeroAt: 0.6, fullAt: 0.95, whenNoData: 'exclude' });
    const audit = await schemeAudit(created.json<{ id: string }>().id);
    expect(audit.map((row) => [row.action, row.outcome, row.actorName, row.details])).toEqual([
      ['assessment.scheme_create', 'allowed', 'demo-admin', { version: 1 }],
    ]);
    expect(audit[0]?.requestId).toBeTruthy();
    expect((await postScheme(commander, { name: 'x', rules: goodRules })).statusCode).toBe(403);
  });

  it.each([
    ['weights that do not sum to 100', { department: [{ indicator: 'on_time_sign', weight: 60, rule: linear(0.6, 0.95) }] }, 'rules.department', /weights sum to 60, not 100/],
    ['an unknown indicator', { department: [{ indicator: 'speed', weight: 100, rule: linear(0.6, 0.95) }] }, 'rules.department[0].indicator', /unknown indicator 'speed'/],
    ['a malformed rule', { department: [{ indicator: 'on_time_sign', weight: 100, rule: { kind: 'linear', zeroAt: 'low', fullAt: 0.9 } }] }, 'rules.department[0].rule.zeroAt', /between 0 and 1/],
    ['an unknown unit type', { police: [] }, 'rules.police', /not an allowed field/],
  ])('refuses %s with 400 naming the place, and stores nothing', async (_name, rules, field, message) => {
    const before = await t.prisma.assessmentScheme.count();
    const audited = await t.prisma.auditLog.count({ where: { action: { startsWith: 'assessment.' } } });
    const response = await postScheme(admin, { name: 'bad', rules });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', field });
    expect(response.json<{ message: string }>().message).toMatch(message);
    expect(await t.prisma.assessmentScheme.count()).toBe(before);
    expect(await t.prisma.auditLog.count({ where: { action: { startsWith: 'assessment.' } } })).toBe(audited);
  });

  it('adds a version on edit, keeps the old one, and refuses a bad edit without a new version', async () => {
    const created = (await postScheme(admin, { name: 'v-test', rules: goodRules })).json<{ id: string }>();
    const edited = await t.app.inject({
      method: 'PUT', url: `/api/assessment/schemes/${created.id}`, headers: admin.headers,
      payload: { note: 'heavier supervision', rules: { department: [{ ...goodRules.department[0], weight: 50 }, { ...goodRules.department[1], weight: 50 }] } },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const body = edited.json<{ latestVersion: number; versions: { version: number; rules: { department: { weight: number }[] } }[] }>();
    expect(body.latestVersion).toBe(2);
    expect(body.versions.map((v) => [v.version, v.rules.department[0]?.weight])).toEqual([[2, 50], [1, 60]]);

    const bad = await t.app.inject({
      method: 'PUT', url: `/api/assessment/schemes/${created.id}`, headers: admin.headers,
      payload: { rules: { department: [{ ...goodRules.department[0], weight: 10 }] } },
    });
    expect(bad.statusCode).toBe(400);
    expect(await t.prisma.assessmentSchemeVersion.count({ where: { schemeId: created.id } })).toBe(2);
    // One row per version written; the refused edit left none.
    expect((await schemeAudit(created.id)).map((row) => [row.action, row.actorName, row.details])).toEqual([
      ['assessment.scheme_create', 'demo-admin', { version: 1 }],
      ['assessment.scheme_version', 'demo-admin', { version: 2 }],
    ]);
    const missing = await t.app.inject({ method: 'PUT', url: '/api/assessment/schemes/no-such-scheme', headers: admin.headers, payload: { rules: goodRules } });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses in the database to change or delete a scheme version: the app by its grants, the owner by the trigger', async () => {
    const version = await t.prisma.assessmentSchemeVersion.findFirstOrThrow({ where: { schemeId: DEFAULT_SCHEME_ID } });
    await expect(t.prisma.assessmentSchemeVersion.update({ where: { id: version.id }, data: { note: 'changed' } })).rejects.toThrow(/permission denied for table assessment_scheme_version/);
    await expect(t.prisma.assessmentSchemeVersion.delete({ where: { id: version.id } })).rejects.toThrow(/permission denied for table assessment_scheme_version/);
    const owner = new pg.Client({ connectionString: t.ownerUrl });
    await owner.connect();
    try {
      await expect(owner.query(`UPDATE assessment_scheme_version SET note = 'changed' WHERE id = $1`, [version.id])).rejects.toThrow(/append-only/);
      await expect(owner.query('DELETE FROM assessment_scheme_version WHERE id = $1', [version.id])).rejects.toThrow(/append-only/);
    } finally {
      await owner.end();
    }
  });
});
