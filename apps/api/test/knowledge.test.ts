/**
 * The knowledge base: the body sanitised on the server, units propose and the centre approves,
 * every save a version, 409 on a stale edit, audit rows with before/after, the Chinese search
 * (two-character words, title first, expired and unpublished off the desk), closing at intake
 * with an article, and the usage figures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './helpers/test-app.js';
import { intake, loginAll, type Sessions } from './tickets-fixtures.js';

let t: TestApp;
let s: Sessions;
beforeAll(async () => {
  t = await createTestApp();
  s = await loginAll(t, ['demo-agent', 'demo-dept', 'demo-street', 'demo-kb', 'demo-admin', 'demo-lead']);
});
afterAll(async () => t?.close());

const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

type Article = { id: string; version: number; status: string; title: string; body: string; publishedVersion: number | null };

async function draft(session: Session, fields: Record<string, unknown>): Promise<Article> {
  const r = await call(session, 'POST', '/api/knowledge/articles', { title: '测试条目', body: '<p>正文</p>', ...fields });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

async function move(session: Session, article: Article, to: string, reason?: string) {
  return call(session, 'POST', `/api/knowledge/articles/${article.id}/${to}`, { version: article.version, ...(reason ? { reason } : {}) });
}

/** Drafted by the editor and published at once. */
async function published(fields: Record<string, unknown>): Promise<Article> {
  const created = await draft(s['demo-kb']!, fields);
  const r = await move(s['demo-kb']!, created, 'approve');
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

const deskSearch = async (q: string, who = 'demo-agent') => {
  const r = await call(s[who]!, 'GET', `/api/knowledge/search?q=${encodeURIComponent(q)}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as { id: string; title: string; snippet: string; titleMatch: boolean; version: number }[];
};

describe('the body is sanitised on the server', () => {
  it('strips scripts, styles, event handlers and javascript: links, keeps the safe subset', async () => {
    const article = await draft(s['demo-kb']!, {
      body: '<h2 onclick="steal()">办理流程</h2><script>alert(1)</script><style>p{color:red}</style>'
        + '<p style="x">带上<strong>身份证</strong><img src=x onerror="alert(1)"> <a href="javascript:alert(1)">坏链接</a> <a href="https://zwfw.example.cn">政务网</a></p>'
        + '<ul><li>第一步</li></ul><table><tbody><tr><td>窗口</td></tr></tbody></table><iframe src="https://evil.example"></iframe>',
    });
    expect(article.body).not.toMatch(/script|alert|onerror|onclick|style|javascript:|iframe|<img/i);
    expect(article.body).toContain('<h2>办理流程</h2>');
    expect(article.body).toContain('<strong>身份证</strong>');
    expect(article.body).toContain('href="https://zwfw.example.cn"');
    expect(article.body).toContain('<ul><li>第一步</li></ul>');
    expect(article.body).toContain('<td>窗口</td>');
    const stored = await t.prisma.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.bodyText).toBe('办理流程\n带上身份证 坏链接 政务网\n第一步\n窗口');
  });

  it('refuses a body with no text once the unsafe markup is gone, naming the field', async () => {
    const r = await call(s['demo-kb']!, 'POST', '/api/knowledge/articles', { title: '空', body: '<script>alert(1)</script>' });
    expect(r.statusCode).toBe(400);
    expect(r.json().field).toBe('body');
    const bad = await call(s['demo-kb']!, 'POST', '/api/knowledge/articles', { title: '类目', body: '<p>x</p>', categoryId: 'no-such' });
    expect([bad.statusCode, bad.json().field]).toEqual([400, 'categoryId']);
    const dates = await call(s['demo-kb']!, 'POST', '/api/knowledge/articles', { title: '期限', body: '<p>x</p>', validFrom: '2026-05-01T00:00:00Z', validTo: '2026-04-01T00:00:00Z' });
    expect([dates.statusCode, dates.json().field]).toEqual([400, 'validTo']);
  });
});

describe('units propose, the centre approves', () => {
  it('lets a unit draft and submit for itself, never publish; the editor publishes or sends back with a reason', async () => {
    const article = await draft(s['demo-dept']!, { title: '占道经营怎么处理', body: '<p>由城管执法队现场处理。</p>' });
    expect(article).toMatchObject({ status: 'draft', publishedVersion: null });
    const stored = await t.prisma.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } });
    expect(stored.unitId).toBe('dept-urban-management');
    // A draft is off the desk, and hidden from readers.
    expect((await call(s['demo-agent']!, 'GET', `/api/knowledge/articles/${article.id}`)).statusCode).toBe(404);
    const submitted = await move(s['demo-dept']!, article, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    const inReview: Article = submitted.json();
    expect(inReview.status).toBe('in_review');
    const unitPublish = await move(s['demo-dept']!, inReview, 'approve');
    expect(unitPublish.statusCode).toBe(403);
    const noReason = await move(s['demo-kb']!, inReview, 'send-back');
    expect([noReason.statusCode, noReason.json().field]).toEqual([400, 'reason']);
    const back = await move(s['demo-kb']!, inReview, 'send-back', '请补充投诉电话');
    expect(back.json()).toMatchObject({ status: 'draft', reviewNote: '请补充投诉电话' });
    const again = await move(s['demo-dept']!, back.json(), 'submit');
    const approved = await move(s['demo-kb']!, again.json(), 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'published', publishedVersion: 5, reviewNote: null });
    expect((await deskSearch('占道')).map((item) => item.id)).toContain(article.id);
  });

  it("keeps a unit to its own unit's articles and the agent to reading", async () => {
    const other = await draft(s['demo-kb']!, { title: '他人条目', body: '<p>x</p>', unitId: 'dept-market' });
    const edit = await call(s['demo-dept']!, 'PUT', `/api/knowledge/articles/${other.id}`, { version: other.version, title: '改', body: '<p>y</p>' });
    expect(edit.statusCode).toBe(403);
    const foreign = await call(s['demo-dept']!, 'POST', '/api/knowledge/articles', { title: '别家', body: '<p>x</p>', unitId: 'dept-market' });
    expect([foreign.statusCode, foreign.json().field]).toEqual([403, 'unitId']);
    expect((await call(s['demo-agent']!, 'POST', '/api/knowledge/articles', { title: '话务员', body: '<p>x</p>' })).statusCode).toBe(403);
    expect((await call(s['demo-admin']!, 'GET', '/api/knowledge/search?q=社保')).statusCode).toBe(403);
    expect((await call(s['demo-agent']!, 'GET', '/api/knowledge/search?q=社保&scope=all')).statusCode).toBe(403);
  });
});

describe('versions, stale edits and the audit', () => {
  it('keeps every saved version; the desk sees the published one while the next is edited', async () => {
    const article = await published({ title: '公积金提取条件', body: '<p>购房、租房可提取。</p>' });
    const edited = await call(s['demo-kb']!, 'PUT', `/api/knowledge/articles/${article.id}`, { version: article.version, title: '公积金提取条件（新）', body: '<p>购房、租房、退休可提取。</p>' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'draft', version: 3, publishedVersion: 2 });
    const seen = (await deskSearch('公积金')).find((item) => item.id === article.id);
    expect(seen).toMatchObject({ title: '公积金提取条件', version: 2 });
    const history = await call(s['demo-kb']!, 'GET', `/api/knowledge/articles/${article.id}/versions`);
    expect(history.json().items.map((v: { version: number; act: string; published: boolean }) => [v.version, v.act, v.published])).toEqual([
      [3, 'edit', false], [2, 'approve', true], [1, 'create', false],
    ]);
    expect((await call(s['demo-agent']!, 'GET', `/api/knowledge/articles/${article.id}/versions`)).statusCode).toBe(403);
    const reader = await call(s['demo-agent']!, 'GET', `/api/knowledge/articles/${article.id}`);
    expect(reader.json()).toMatchObject({ title: '公积金提取条件', body: '<p>购房、租房可提取。</p>' });
  });

  it('answers 409 to a stale edit naming what changed, and changes nothing', async () => {
    const article = await draft(s['demo-kb']!, { title: '旧标题', body: '<p>旧</p>' });
    const first = await call(s['demo-kb']!, 'PUT', `/api/knowledge/articles/${article.id}`, { version: article.version, title: '先到', body: '<p>旧</p>' });
    expect(first.statusCode).toBe(200);
    const late = await call(s['demo-kb']!, 'PUT', `/api/knowledge/articles/${article.id}`, { version: article.version, title: '后到', body: '<p>新</p>' });
    expect(late.statusCode).toBe(409);
    expect(late.json().details).toMatchObject({ reason: 'stale_version', currentVersion: 2, changedFields: ['title', 'version'], current: { title: '先到' } });
    const staleMove = await move(s['demo-kb']!, article, 'approve');
    expect(staleMove.statusCode).toBe(409);
    expect((await t.prisma.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } })).title).toBe('先到');
    expect(await t.prisma.knowledgeArticleVersion.count({ where: { articleId: article.id } })).toBe(2);
  });

  it('writes an audit row with before and after for every change', async () => {
    const article = await draft(s['demo-dept']!, { title: '审计条目', body: '<p>一</p>' });
    const submitted = (await move(s['demo-dept']!, article, 'submit')).json();
    await move(s['demo-kb']!, submitted, 'approve');
    const rows = await t.prisma.auditLog.findMany({ where: { resource: 'knowledge_article', resourceId: article.id }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.action, row.actorName])).toEqual([
      ['config.create', 'demo-dept'], ['config.update', 'demo-dept'], ['config.update', 'demo-kb'],
    ]);
    const last = rows[2]!.details as { before: { status: string }; after: { status: string; publishedVersion: number }; changed: string[] };
    expect(last.before.status).toBe('in_review');
    expect(last.after).toMatchObject({ status: 'published', publishedVersion: 3 });
    expect(last.changed).toContain('status');
  });
});

describe('search in Chinese', () => {
  it('finds a two-character word and ranks title matches before body matches', async () => {
    const inBody = await published({ title: '市民卡常见问题', body: '<p>挂失后可以到服务网点补办门禁。</p>' });
    const inTitle = await published({ title: '门禁卡补办流程', body: '<p>带身份证到物业。</p>' });
    const items = await deskSearch('门禁');
    expect(items.map((item) => item.id)).toEqual([inTitle.id, inBody.id]);
    expect(items[0]!.titleMatch).toBe(true);
    expect(items[1]!.snippet).toContain('门禁');
    // Every word must match; order of words does not matter.
    expect((await deskSearch('补办 门禁')).map((item) => item.id).sort()).toEqual([inBody.id, inTitle.id].sort());
    expect(await deskSearch('门禁 停车')).toEqual([]);
  });

  it('keeps expired, not-yet-valid, unpublished and archived articles off the desk; editors find them all', async () => {
    const expired = await published({ title: '旧版电梯补贴标准', body: '<p>x</p>', validTo: new Date(t.clock.now().getTime() + 3_600_000).toISOString() });
    const future = await published({ title: '新版电梯补贴标准', body: '<p>y</p>', validFrom: new Date(t.clock.now().getTime() + 86_400_000).toISOString() });
    const drafted = await draft(s['demo-kb']!, { title: '电梯补贴草稿', body: '<p>z</p>' });
    const archived = await published({ title: '电梯补贴已撤', body: '<p>w</p>' });
    expect((await move(s['demo-kb']!, archived, 'archive')).statusCode).toBe(200);
    t.clock.advance(2 * 3_600_000);
    // Two idle hours end the sessions: sign in again.
    s = await loginAll(t, Object.keys(s));
    const desk = (await deskSearch('电梯补贴')).map((item) => item.id);
    for (const hidden of [expired.id, future.id, drafted.id, archived.id]) expect(desk).not.toContain(hidden);
    const all = await call(s['demo-kb']!, 'GET', `/api/knowledge/search?q=${encodeURIComponent('电梯补贴')}&scope=all`);
    const found = all.json().items as { id: string; expired: boolean }[];
    expect(found.map((item) => item.id).sort()).toEqual([expired.id, future.id, drafted.id, archived.id].sort());
    expect(found.find((item) => item.id === expired.id)!.expired).toBe(true);
    const listed = await call(s['demo-kb']!, 'GET', '/api/knowledge/articles?expired=true&pageSize=100');
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(expired.id);
    const readerList = await call(s['demo-agent']!, 'GET', '/api/knowledge/articles?pageSize=100&q=' + encodeURIComponent('电梯补贴'));
    expect(readerList.json().items).toEqual([]);
  });
});

describe('closing at intake with an article', () => {
  const base = { channel: 'web', categoryId: 'general.policy', title: '咨询', description: '市民咨询' };

  it('records the article and its published version on the ticket and its trail, and counts it in the usage figures', async () => {
    const article = await published({ title: '护照办理地点', body: '<p>区出入境接待大厅。</p>', categoryId: 'general.policy' });
    const r = await intake(t, s['demo-agent']!, { ...base, closeAtIntake: { answer: '区出入境接待大厅', article: { id: article.id } } });
    expect(r.statusCode, r.body).toBe(201);
    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id: r.json().ticket.id } });
    expect(ticket).toMatchObject({ state: 'closed_at_intake', articleId: article.id, articleVersion: 2 });
    const close = r.json().ticket.trail.find((e: { action: string }) => e.action === 'close-at-intake');
    expect(close.data).toMatchObject({ articleId: article.id, articleVersion: 2, articleTitle: '护照办理地点' });
    const from = new Date(t.clock.now().getTime() - 3_600_000).toISOString();
    const to = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const usage = await call(s['demo-lead']!, 'GET', `/api/knowledge/usage?from=${from}&to=${to}`);
    expect(usage.statusCode, usage.body).toBe(200);
    expect(usage.json().articles.find((row: { id: string }) => row.id === article.id)).toMatchObject({ title: '护照办理地点', count: 1 });
    expect(usage.json().categories.find((row: { categoryId: string }) => row.categoryId === 'general.policy').count).toBeGreaterThanOrEqual(1);
    expect((await call(s['demo-agent']!, 'GET', `/api/knowledge/usage?from=${from}&to=${to}`)).statusCode).toBe(403);
  });

  it('refuses an unpublished or unknown article and writes nothing', async () => {
    const drafted = await draft(s['demo-kb']!, { title: '未发布', body: '<p>x</p>' });
    const before = await t.prisma.ticket.count();
    for (const id of [drafted.id, 'no-such-article']) {
      const r = await intake(t, s['demo-agent']!, { ...base, closeAtIntake: { answer: 'x', article: { id } } });
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().field).toBe('closeAtIntake.article.id');
    }
    expect(await t.prisma.ticket.count()).toBe(before);
  });
});
