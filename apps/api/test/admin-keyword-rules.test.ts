/**
 * Keyword rules' administration: versioned, audited edits; the "try it" box answers exactly what
 * intake's `decideClass` decides over the active rules, naming the rule; a saved rule classifies
 * the next ticket (no cache to outlive it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideClass, RULE_ORDER } from '../src/modules/classification/classify-ticket.js';
import { createTestApp, login, type Session, type TestApp } from './helpers/test-app.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, 'demo-admin');
});
afterAll(async () => t?.close());

const call = (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });

describe('keyword rules', () => {
  it('creates, edits with a version (409 when stale), disables, each audited', async () => {
    const created = await call('POST', '/api/admin/keyword-rules', { keyword: '砍人测试', ticketClass: 'police', categoryId: null, priority: 50 });
    expect(created.statusCode, created.body).toBe(200);
    const rule = created.json<{ id: string; version: number }>();
    const edited = await call('PATCH', `/api/admin/keyword-rules/${rule.id}`, { version: rule.version, priority: 60 });
    expect(edited.json()).toMatchObject({ priority: 60, version: 2 });
    const stale = await call('PATCH', `/api/admin/keyword-rules/${rule.id}`, { version: rule.version, keyword: '砍人' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ details: { changedFields: expect.arrayContaining(['priority']) } });
    const disabled = await call('POST', `/api/admin/keyword-rules/${rule.id}/disable`, { version: 2 });
    expect(disabled.json()).toMatchObject({ active: false });
    const audits = await t.prisma.auditLog.findMany({ where: { resource: 'keyword_rule', resourceId: rule.id }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => a.action)).toEqual(['config.create', 'config.update', 'config.disable']);
    expect(audits[1]!.details).toMatchObject({ before: { priority: 50 }, after: { priority: 60 } });
  });

  it('refuses an unknown category and a duplicate active keyword, naming the field', async () => {
    const unknown = await call('POST', '/api/admin/keyword-rules', { keyword: '某词', ticketClass: 'police', categoryId: 'nope', priority: 0 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ field: 'categoryId' });
    await call('POST', '/api/admin/keyword-rules', { keyword: '重复词', ticketClass: 'police', categoryId: null, priority: 0 });
    const twice = await call('POST', '/api/admin/keyword-rules', { keyword: '重复词', ticketClass: 'non_police', categoryId: null, priority: 0 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ field: 'keyword' });
  });

  it('try-it answers what decideClass decides, naming the rule, and lists the rules with category names', async () => {
    const made = await call('POST', '/api/admin/keyword-rules', { keyword: '打架斗殴', ticketClass: 'police', categoryId: null, priority: 90 });
    const civil = await call('POST', '/api/admin/keyword-rules', { keyword: '噪声', ticketClass: 'non_police', categoryId: 'env.noise', priority: 10 });
    expect(civil.statusCode, civil.body).toBe(200);
    const rules = await t.prisma.keywordRule.findMany({ where: { active: true }, orderBy: RULE_ORDER });
    const samples = [
      { text: '楼下有人打架斗殴', categoryId: 'env.noise' },
      { text: '晚上噪声很大', categoryId: 'env.noise' },
      { text: '晚上噪声很大', categoryId: 'env.noise', hotlineId: 'hl-110' },
      { text: '咨询社保', categoryId: undefined },
    ];
    for (const sample of samples) {
      const answer = await call('POST', '/api/admin/keyword-rules/try', sample);
      expect(answer.statusCode, answer.body).toBe(200);
      const hotline = sample.hotlineId ? await t.prisma.hotline.findUnique({ where: { id: sample.hotlineId } }) : null;
      const category = sample.categoryId ? await t.prisma.category.findUniqueOrThrow({ where: { id: sample.categoryId } }) : null;
      const expected = decideClass({ text: sample.text, categoryId: category?.id ?? '', categoryIsPolice: category?.isPolice ?? false, hotlineIsPolice: hotline?.isPolice ?? false }, rules);
      expect(answer.json(), sample.text).toMatchObject({ ticketClass: expected.ticketClass, source: expected.source, keyword: expected.keyword });
    }
    const fight = await call('POST', '/api/admin/keyword-rules/try', { text: '楼下有人打架斗殴' });
    expect(fight.json()).toMatchObject({ ticketClass: 'police', source: 'keyword', rule: { id: made.json().id, keyword: '打架斗殴' } });
    const list = await call('GET', '/api/admin/keyword-rules');
    expect(list.json<{ keyword: string; categoryName: string | null }[]>().find((r) => r.keyword === '噪声')?.categoryName).toBe('噪音扰民');
  });
});
