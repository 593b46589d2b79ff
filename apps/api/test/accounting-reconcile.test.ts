/**
 * The reconciler on a real PostgreSQL: the accounting database holds rows a real Asterisk 22 wrote
 * (the captured fixtures, moved in time to just before the test clock), Yixian's database holds
 * whatever call records each case needs; the job runs as the worker runs it. The same against a
 * live PBX: telephony/live/reconcile.live.test.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccountingDb, type TestAccountingDb } from '../../../telephony/pbx/accounting-db.js';
import { ConfigError, loadConfig } from '../src/config/config.js';
import type { WorkerContext } from '../src/jobs/worker-context.js';
import { accountingQueue } from '../src/modules/accounting/accounting.jobs.js';
import { derivePbxCall } from '../src/modules/accounting/derive-pbx-call.js';
import { capturedCall, type Scenario } from '../src/modules/accounting/fixtures/load-fixtures.js';
import type { ReconcileSummary } from '../src/modules/accounting/reconciler-status.js';
import { createTestApp, login, TEST_START, type TestApp } from './helpers/test-app.js';
import { parsePrometheusText, valueOf } from './helpers/prometheus-text.js';
import { createJobMetrics } from '../src/modules/metrics/job-metrics.js';
import { createProcessRegistry, startMetricsPublisher } from '@yixian/runtime';

const TEMPLATE = 'Local/{extension}@yixian-test-agents/n';
let accounting: TestAccountingDb;
let t: TestApp;
let context: WorkerContext;
const METRICS_TOKEN = 'reconcile-metrics-token-0123456789';
const workerRegistry = createProcessRegistry('worker:reconcile-test');

beforeAll(async () => {
  accounting = await createAccountingDb();
  t = await createTestApp({ ACCOUNTING_DATABASE_URL: accounting.url, AGENT_INTERFACE_TEMPLATE: TEMPLATE, METRICS_TOKEN: METRICS_TOKEN });
  context = { config: t.app.config, prisma: t.prisma, redis: t.app.redis, clock: t.clock, log: pino({ level: 'silent' }), metrics: createJobMetrics(workerRegistry) };
  await t.prisma.user.create({ data: { username: `agent-${randomUUID().slice(0, 8)}`, passwordHash: 'x', displayName: '王芳', roles: ['agent'], extension: '8001' } });
});
afterAll(async () => {
  await t?.close();
  await accounting?.drop();
});
beforeEach(async () => {
  t.clock.set(TEST_START);
  await accounting.pool.query('TRUNCATE queue_log, cdr');
});

/** What every run of this file found, summed: the worker's metrics must say the same. */
const found = { created: 0, corrected: 0, opened: 0, resolved: 0 };
let lastOpen = 0;
const run = async () => {
  const summary = (await accountingQueue.process({ name: 'accounting.reconcile', data: { reason: 'manual' } } as Job, context)) as ReconcileSummary;
  for (const kind of ['created', 'corrected', 'opened', 'resolved'] as const) found[kind] += summary[kind];
  lastOpen = summary.open;
  return summary;
};

/**
 * Writes a captured call into the accounting database, moved so that it ends `endedAgoMs` before
 * the test clock, under a fresh Linkedid (the fixture's ids with a random system name).
 */
async function insertCaptured(scenario: Scenario, endedAgoMs = 60_000) {
  const captured = capturedCall(scenario);
  const system = `t${randomUUID().slice(0, 8)}`;
  const id = (value: string) => value.replace(/^yxtest-/, `${system}-`);
  const lastQueueRow = captured.queueLog[captured.queueLog.length - 1]!.time.getTime();
  const shift = t.clock.now().getTime() - endedAgoMs - lastQueueRow;
  for (const row of captured.queueLog) {
    await accounting.pool.query(
      `INSERT INTO queue_log (time, callid, queuename, agent, event, data1, data2, data3, data4, data5)
       VALUES (($1::timestamptz AT TIME ZONE 'UTC'), $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [new Date(row.time.getTime() + shift).toISOString(), id(row.callid), row.queuename, row.agent, row.event, id(row.data1), id(row.data2), row.data3, row.data4, row.data5],
    );
  }
  for (const row of captured.cdr) {
    const move = (epoch: number) => (epoch === 0 ? 0 : epoch + shift / 1000);
    await accounting.pool.query(
      `INSERT INTO cdr (start, answer, "end", clid, src, dst, dcontext, channel, dstchannel, lastapp, disposition, uniqueid, linkedid, userfield)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [move(row.start), move(row.answer), move(row.end), row.clid, row.src, row.dst, row.dcontext, row.channel, row.dstchannel, row.lastapp, row.disposition, id(row.uniqueid), id(row.linkedid), row.userfield.replace(/yxtest-/, `${system}-`)],
    );
  }
  const linkedid = id(captured.linkedid);
  const rows = await accounting.pool.query(`SELECT (time AT TIME ZONE 'UTC') AS time, callid, queuename, agent, event, data1, data2, data3, data4, data5 FROM queue_log WHERE callid = $1`, [id(captured.queueLog[0]!.callid)]);
  const cdr = await accounting.pool.query(`SELECT start, answer, "end", clid, src, dst, dcontext, channel, dstchannel, lastapp, disposition, uniqueid, linkedid, userfield FROM cdr WHERE linkedid = $1`, [linkedid]);
  return { linkedid, pbx: derivePbxCall(linkedid, rows.rows, cdr.rows)!, shift };
}

/** A call record as the bridge's worker would have written it for that PBX call. */
async function recordAsBridge(pbx: NonNullable<ReturnType<typeof derivePbxCall>>, overrides: Record<string, unknown> = {}) {
  return t.prisma.call.create({
    data: {
      linkedid: pbx.linkedid, hotlineNumber: pbx.hotlineNumber, callerNumber: pbx.callerNumber ?? 'unknown', state: pbx.state,
      enteredAt: new Date(pbx.enteredAt.getTime() + 80), answeredAt: pbx.answeredAt && new Date(pbx.answeredAt.getTime() + 80),
      endedAt: new Date(pbx.endedAt.getTime() + 80), agentInterface: pbx.agentDevice ? `${pbx.agentDevice}/n` : null,
      waitSeconds: pbx.waitSeconds, talkSeconds: pbx.talkSeconds, hangupBy: pbx.hangupBy, recordingFile: pbx.recordingFile,
      transferTarget: pbx.transferTarget, overflowReason: pbx.overflowReason, ...overrides,
    },
  });
}

describe('accounting reconciler', () => {
  it('creates the calls of an AMI outage from the accounting, once, with the PBX times, outcome, agent and caller', async () => {
    const answered = await insertCaptured('completeagent');
    const abandoned = await insertCaptured('abandon');
    const refused = await insertCaptured('joinempty');
    const first = await run();
    expect(first).toMatchObject({ calls: 3, created: 3, corrected: 0, opened: 0 });

    const call = await t.prisma.call.findUniqueOrThrow({ where: { linkedid: answered.linkedid } });
    expect(call).toMatchObject({
      source: 'accounting', state: 'completed', hotlineNumber: '12345', callerNumber: '13800001111', callerName: '张三',
      agentInterface: 'Local/8001@yixian-test-agents/n', hangupBy: 'agent', waitSeconds: 1, talkSeconds: 0, resynced: false,
      recordingFile: `20261204/${answered.linkedid}.wav`,
    });
    expect(call.hotlineId).not.toBeNull();
    expect(call.enteredAt).toEqual(answered.pbx.enteredAt);
    expect(call.answeredAt).toEqual(answered.pbx.answeredAt);
    expect(call.endedAt).toEqual(answered.pbx.endedAt);
    expect(await t.prisma.call.findUniqueOrThrow({ where: { linkedid: abandoned.linkedid } })).toMatchObject({
      source: 'accounting', state: 'abandoned', agentInterface: null, answeredAt: null, waitSeconds: 3, abandonPosition: 1, callerName: null,
    });
    expect(await t.prisma.call.findUniqueOrThrow({ where: { linkedid: refused.linkedid } })).toMatchObject({ state: 'overflow', waitSeconds: 0 });
    const [rollup] = await t.prisma.$queryRaw<{ offered: number; answered: number; abandoned: number }[]>`
      SELECT sum(offered)::int AS offered, sum(answered)::int AS answered, sum(abandoned)::int AS abandoned FROM call_rollup WHERE hotline = '12345'`;
    expect(rollup).toEqual({ offered: 3, answered: 1, abandoned: 1 });

    expect(await run()).toMatchObject({ calls: 3, created: 0, corrected: 0, opened: 0, resolved: 0 });
    expect(await t.prisma.call.count({ where: { linkedid: { in: [answered.linkedid, abandoned.linkedid, refused.linkedid] } } })).toBe(3);
  });

  it('finds nothing on calls the bridge recorded the same way, the Redirect transfer included', async () => {
    for (const scenario of ['completecaller', 'timeout', 'exitempty', 'blindtransfer'] as const) {
      const { pbx } = await insertCaptured(scenario);
      await recordAsBridge(pbx);
    }
    const redirect = await insertCaptured('redirect');
    const redirectedAt = new Date(Date.parse(capturedCall('redirect').redirectedAt!) + redirect.shift);
    await recordAsBridge(redirect.pbx, { state: 'transferred', endedAt: redirectedAt, talkSeconds: 0, hangupBy: 'transfer', transferTarget: '7001@yixian-transfer' });
    expect(await run()).toMatchObject({ calls: 5, created: 0, opened: 0 });
  });

  it('leaves calls that ended less than 10 s ago for the next run', async () => {
    const recent = await insertCaptured('completecaller', 5_000);
    expect(await run()).toMatchObject({ calls: 0, created: 0 });
    t.clock.advance(6_000);
    expect(await run()).toMatchObject({ calls: 1, created: 1 });
    expect(await t.prisma.call.count({ where: { linkedid: recent.linkedid } })).toBe(1);
  });

  it('puts the PBX end, talk, outcome and who hung up on a call the resync closed', async () => {
    const { pbx, linkedid } = await insertCaptured('completecaller');
    await recordAsBridge(pbx, { endedAt: new Date(pbx.endedAt.getTime() + 40_000), talkSeconds: 45, hangupBy: 'unknown', resynced: true });
    expect(await run()).toMatchObject({ corrected: 1, opened: 0 });
    expect(await t.prisma.call.findUniqueOrThrow({ where: { linkedid } })).toMatchObject({ endedAt: pbx.endedAt, talkSeconds: 5, hangupBy: 'caller', resynced: true });
    expect(await run()).toMatchObject({ corrected: 0, opened: 0 });
  });

  it('keeps one open difference per call and field, lists it masked for the shift lead, resolves it when fixed', async () => {
    const { pbx, linkedid } = await insertCaptured('completeagent');
    const call = await recordAsBridge(pbx, { talkSeconds: 30, callerNumber: '13911112222' });
    expect(await run()).toMatchObject({ opened: 2 });
    expect(await run()).toMatchObject({ opened: 0, resolved: 0 });
    expect(await t.prisma.callDiscrepancy.count({ where: { linkedid, resolvedAt: null } })).toBe(2);

    const lead = await login(t.app, 'demo-lead');
    const listed = await t.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers });
    expect(listed.statusCode).toBe(200);
    const body = listed.json();
    expect(body).toMatchObject({ enabled: true, total: 2 });
    expect(body.lastRunAt).toBe(TEST_START.toISOString());
    expect(body.items.find((item: { field: string }) => item.field === 'talkSeconds')).toMatchObject({
      linkedid, callId: call.id, yixianValue: '30', pbxValue: '0', resolvedAt: null,
      call: { hotlineNumber: '12345', hotlineName: '市民服务热线', agentName: '王芳', callerNumber: '139****2222' },
    });
    expect(body.items.find((item: { field: string }) => item.field === 'callerNumber')).toMatchObject({ yixianValue: '139****2222', pbxValue: '138****1111' });
    expect(JSON.stringify(await t.prisma.callDiscrepancy.findMany({ where: { linkedid } }))).not.toMatch(/13911112222|13800001111/);

    await t.prisma.call.update({ where: { id: call.id }, data: { talkSeconds: 0, callerNumber: '13800001111' } });
    t.clock.advance(60_000);
    expect(await run()).toMatchObject({ resolved: 2, open: 0 });
    const open = await t.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers });
    expect(open.json()).toMatchObject({ total: 0, items: [] });
    const resolved = await t.app.inject({ url: '/api/calls/discrepancies?status=resolved', headers: lead.headers });
    expect(resolved.json().items.map((item: { resolvedAt: string }) => item.resolvedAt)).toEqual([new Date(TEST_START.getTime() + 60_000).toISOString(), new Date(TEST_START.getTime() + 60_000).toISOString()]);

    // It can open again: a new row, the resolved one kept.
    await t.prisma.call.update({ where: { id: call.id }, data: { talkSeconds: 30 } });
    expect(await run()).toMatchObject({ opened: 1, open: 1 });
    expect(await t.prisma.callDiscrepancy.count({ where: { linkedid, field: 'talkSeconds' } })).toBe(2);
  });

  it('names both agents of an "answered by" difference', async () => {
    const { pbx, linkedid } = await insertCaptured('completeagent');
    await recordAsBridge(pbx, { agentInterface: 'Local/8101@yixian-test-agents/n' });
    expect(await run()).toMatchObject({ opened: 1 });
    const lead = await login(t.app, 'demo-lead');
    const { items } = (await t.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers })).json();
    expect(items.find((item: { linkedid: string }) => item.linkedid === linkedid)).toMatchObject({
      field: 'agentInterface', yixianValue: 'Local/8101@yixian-test-agents/n', pbxValue: 'Local/8001@yixian-test-agents',
      yixianName: '话务员 李娜', pbxName: '王芳', call: { agentName: '话务员 李娜' },
    });
    await t.prisma.call.update({ where: { linkedid }, data: { agentInterface: 'Local/8001@yixian-test-agents/n' } });
    expect(await run()).toMatchObject({ resolved: 1 });
  });

  it('refuses the list to roles that do not supervise the floor', async () => {
    const agent = await login(t.app, 'demo-agent');
    expect((await t.app.inject({ url: '/api/calls/discrepancies', headers: agent.headers })).statusCode).toBe(403);
    const commander = await login(t.app, 'demo-commander');
    expect((await t.app.inject({ url: '/api/calls/discrepancies?status=bogus', headers: commander.headers })).statusCode).toBe(400);
  });

  it('says on the health page when it last ran and how many differences are open; failing when it cannot read', async () => {
    await run();
    const health = (await t.app.inject({ url: '/api/health' })).json();
    expect(health.checks.reconciler).toMatchObject({ status: 'ok', lastRunAt: TEST_START.toISOString() });
    expect(health.checks.reconciler.openDiscrepancies).toBeGreaterThanOrEqual(0);

    const broken: WorkerContext = { ...context, config: { ...context.config, accountingDatabaseUrl: 'postgresql://postgres@127.0.0.1:1/none' } };
    t.clock.advance(1000);
    await expect(accountingQueue.process({ name: 'accounting.reconcile', data: {} } as Job, broken)).rejects.toThrow();
    const failing = (await t.app.inject({ url: '/api/health' })).json();
    expect(failing.status).toBe('degraded');
    expect(failing.checks.reconciler).toMatchObject({ status: 'failing', lastRunAt: TEST_START.toISOString() });
    expect(failing.checks.reconciler.detail).not.toMatch(/postgresql:\/\//);
    await run();
    expect((await t.app.inject({ url: '/api/health' })).json().checks.reconciler.status).toBe('ok');
  });

  it('counts what every run found in the worker\'s metrics, and serves the open differences at /metrics', async () => {
    expect(found.created + found.corrected + found.opened + found.resolved).toBeGreaterThan(0);
    // Published as the worker process publishes it.
    const publisher = startMetricsPublisher(t.app.redis, t.redisPrefix, workerRegistry, 'worker:reconcile-test');
    await publisher.publish();
    const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    await publisher.stop();
    const exposition = parsePrometheusText(response.body);
    for (const kind of ['created', 'corrected', 'opened', 'resolved'] as const) {
      expect(valueOf(exposition, 'yixian_reconcile_differences_total', { kind, process: 'worker:reconcile-test' }), kind).toBe(found[kind]);
    }
    expect(valueOf(exposition, 'yixian_reconcile_open_differences')).toBe(lastOpen);
  });
});

describe('ACCOUNTING_DATABASE_URL', () => {
  const base = { DATABASE_URL: 'postgresql://x@localhost/y', REDIS_URL: 'redis://localhost' };

  it('is optional; a bad one stops the process naming the variable', () => {
    expect(loadConfig(base).accountingDatabaseUrl).toBeNull();
    expect(() => loadConfig({ ...base, ACCOUNTING_DATABASE_URL: 'mysql://a@b/c' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ACCOUNTING_DATABASE_URL: 'not a url' })).toThrow(/ACCOUNTING_DATABASE_URL/);
  });

  it('unset: the job does nothing and the health page says the reconciler is off', async () => {
    const off: WorkerContext = { ...context, config: { ...context.config, accountingDatabaseUrl: null } };
    expect(await accountingQueue.process({ name: 'accounting.reconcile', data: {} } as Job, off)).toEqual({ skipped: 'off' });
    const plain = await createTestApp();
    try {
      const health = (await plain.app.inject({ url: '/api/health' })).json();
      expect(health.checks.reconciler).toEqual({ status: 'off', detail: 'ACCOUNTING_DATABASE_URL is not set' });
      const lead = await login(plain.app, 'demo-lead');
      expect((await plain.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers })).json()).toMatchObject({ enabled: false, total: 0 });
    } finally {
      await plain.close();
    }
  });
});
