/**
 * `/metrics` after real activity, every part real: HTTP requests through the app, jobs on BullMQ
 * (a job that fails for good, jobs left waiting, a deadline step that fires late) run by the
 * worker wiring with its metrics published to Redis as the worker process does, and a real bridge
 * on the PBX simulator publishing its own, and a resync closing a call. The exposition must parse,
 * and each figure must be what happened. The shipped alert rules must parse and use only metrics
 * the exposition has.
 */
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { QueueEvents, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createProcessRegistry, startMetricsPublisher, bullPrefix, type MetricsPublisher } from '@yixian/runtime';
import { startBridgeMetrics, type BridgeMetrics } from '../../bridge/src/bridge-metrics.js';
import { createJobMetrics } from '../src/modules/metrics/job-metrics.js';
import { producerOf } from '../src/jobs/worker-context.js';
import { callEventsQueue } from '../src/modules/calls/calls.jobs.js';
import { createTestApp, login, TEST_START, type TestApp } from './helpers/test-app.js';
import { startTelephony, type TelephonyHarness } from './helpers/telephony-harness.js';
import { parsePrometheusText, samplesOf, valueOf, type Exposition } from './helpers/prometheus-text.js';
import { startDeliveryHarness, type DeliveryHarness } from './deadlines-harness.js';
import { createCall, intake } from './tickets-fixtures.js';

const TOKEN = 'metrics-test-token-0123456789abcdef';
const WORKER = 'worker:test';

let t: TestApp;
let delivery: DeliveryHarness;
let workerPublisher: MetricsPublisher;
let pbx: TelephonyHarness;
let bridgeMetrics: BridgeMetrics;
/** Real time when the simulator started, its clock set two minutes earlier (and moved only by the test). */
let simStartedAt: number;

beforeAll(async () => {
  t = await createTestApp({ METRICS_TOKEN: TOKEN });
  // The worker wiring (startWorkers) with its metrics, published as worker.ts publishes them.
  delivery = await startDeliveryHarness(t);
  const registry = createProcessRegistry(WORKER);
  delivery.context.metrics = createJobMetrics(registry);
  workerPublisher = startMetricsPublisher(delivery.context.redis, t.redisPrefix, registry, WORKER);
  // A real bridge on the simulator; its PBX clock two minutes behind real time, so a caller's wait is known.
  simStartedAt = Date.now();
  pbx = await startTelephony(t, { startTime: simStartedAt - 120_000 });
  bridgeMetrics = startBridgeMetrics(pbx.bridge, { pbxId: t.app.config.pbxId, redisPrefix: t.redisPrefix });
});
afterAll(async () => {
  await bridgeMetrics?.publisher.stop();
  await pbx?.close();
  await workerPublisher?.stop();
  await delivery?.close();
  await t?.close();
});

/** This API copy's series (the test process is the API). */
const api = () => ({ process: t.app.metrics.processName });

async function scrape(): Promise<{ text: string; exposition: Exposition }> {
  await Promise.all([workerPublisher.publish(), bridgeMetrics.publisher.publish()]);
  const response = await t.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.statusCode, response.body).toBe(200);
  return { text: response.body, exposition: parsePrometheusText(response.body) };
}


describe('/metrics after real activity', () => {
  it('counts requests per route pattern, never the raw URL', async () => {
    const agent = await login(t.app, 'demo-agent');
    const ticketId = randomUUID();
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/tickets/${ticketId}`, headers: { cookie: agent.cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/no-such-${ticketId}` })).statusCode).toBe(404);
    const { text, exposition } = await scrape();
    const count = (labels: Record<string, string>) => valueOf(exposition, 'yixian_http_request_duration_seconds_count', { ...api(), method: 'GET', ...labels });
    expect(count({ route: '/api/health', status_code: '200' })).toBe(2);
    expect(count({ route: '/api/tickets/:id', status_code: '404' })).toBe(1);
    expect(count({ route: 'unmatched', status_code: '404' })).toBe(1);
    expect(valueOf(exposition, 'yixian_http_request_duration_seconds_bucket', { ...api(), route: '/api/health', status_code: '200', le: '+Inf' })).toBe(2);
    expect(text).not.toContain(ticketId);
    // Node's health, of this API process and of the worker and bridge through their snapshots.
    for (const process of [api().process, WORKER, 'bridge:default']) {
      expect(samplesOf(exposition, 'process_cpu_user_seconds_total', { process })).toHaveLength(1);
      expect(samplesOf(exposition, 'nodejs_eventloop_lag_p99_seconds', { process })).toHaveLength(1);
    }
  });

  it('shows a queue\'s depth and oldest wait, and counts a job that fails for good', async () => {
    const leftovers = producerOf(delivery.context).get('leftovers'); // no worker runs it here
    const now = Date.now();
    await leftovers.add('leftovers.sweep', {}, { timestamp: now - 90_000 });
    await leftovers.add('leftovers.sweep', {}, { timestamp: now - 30_000 });
    await leftovers.add('leftovers.sweep', {});

    const deadlines = producerOf(delivery.context).get('ticket-deadlines');
    const events = new QueueEvents('ticket-deadlines', { connection: delivery.context.redis.duplicate(), prefix: bullPrefix(t.redisPrefix) });
    await events.waitUntilReady();
    const job = await deadlines.add('ticket.deadline.check', { ticketId: 'not a ticket id!', step: 'reminder', deadlineVersion: 1, dueAt: new Date().toISOString() });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/ticketId is required/);
    await events.close();

    const { exposition } = await scrape();
    expect(valueOf(exposition, 'yixian_queue_jobs', { queue: 'leftovers', state: 'waiting' })).toBe(3);
    const oldest = valueOf(exposition, 'yixian_queue_oldest_waiting_seconds', { queue: 'leftovers' });
    expect(oldest).toBeGreaterThanOrEqual(90);
    expect(oldest).toBeLessThan(90 + (Date.now() - now) / 1000 + 1);
    expect(valueOf(exposition, 'yixian_queue_jobs_failed_total', { queue: 'ticket-deadlines', final: 'true', process: WORKER })).toBe(1);
    expect(valueOf(exposition, 'yixian_queue_jobs', { queue: 'ticket-deadlines', state: 'failed' })).toBe(1);
    expect(valueOf(exposition, 'yixian_queue_jobs', { queue: 'pbx-commands-default', state: 'failed' })).toBe(0);
  });

  it('measures how late a deadline step fired', async () => {
    t.clock.set(TEST_START);
    const call = await createCall(t.prisma, '12345', t.clock.now());
    const grid = await t.prisma.area.findUniqueOrThrow({ where: { id: 's01g01' } });
    const created = await intake(t, await login(t.app, 'demo-agent'), {
      channel: 'phone', callId: call.id, categoryId: 'env.noise', lat: grid.centroidLat, lng: grid.centroidLng, title: '夜间噪音', description: '楼下KTV噪音到凌晨', dispatch: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const ticket = await t.prisma.ticket.findUniqueOrThrow({ where: { id: created.json().ticket.id as string } });
    await delivery.settle();
    t.clock.set(new Date(ticket.signDueAt!.getTime() + 90_000)); // the sign-for hour passed 90 s ago
    await delivery.settle();
    const { exposition } = await scrape();
    const labels = { step: 'sign_check', process: WORKER };
    expect(valueOf(exposition, 'yixian_deadline_step_lateness_seconds_count', labels)).toBe(1);
    expect(valueOf(exposition, 'yixian_deadline_step_lateness_seconds_sum', labels)).toBe(90);
    expect(valueOf(exposition, 'yixian_deadline_step_lateness_seconds_bucket', { ...labels, le: '60' })).toBe(0);
    expect(valueOf(exposition, 'yixian_deadline_step_lateness_seconds_bucket', { ...labels, le: '120' })).toBe(1);
  });

  it('shows the bridge\'s link, events and resyncs, and the live queue as the wallboard does', async () => {
    const { linkedid } = pbx.sim.placeCall({ hotline: '12345', callerNumber: '13912340077', patienceS: 600 });
    pbx.sim.tick(1000);
    await pbx.processed('call.offered', linkedid);
    await pbx.bridge.drained();
    const { exposition } = await scrape();
    const bridge = { pbx: 'default', process: 'bridge:default' };
    expect(valueOf(exposition, 'yixian_pbx_link_up', { pbx: 'default' })).toBe(1);
    expect(valueOf(exposition, 'yixian_ami_link_up', bridge)).toBe(1);
    expect(valueOf(exposition, 'yixian_ami_events_read_total', bridge)).toBe(pbx.bridge.stats.events);
    expect(pbx.bridge.stats.events).toBeGreaterThan(0);
    expect(valueOf(exposition, 'yixian_ami_events_handed_off_total', bridge)).toBe(pbx.bridge.stats.handedOff);
    expect(valueOf(exposition, 'yixian_ami_resyncs_total', bridge)).toBe(1);
    expect(valueOf(exposition, 'yixian_ami_reconnects_total', bridge)).toBe(0);
    expect(valueOf(exposition, 'yixian_ami_hand_off_failures_total', bridge)).toBe(0);

    const live = await t.app.inject({ url: '/api/queue/live', headers: { cookie: (await login(t.app, 'demo-lead')).cookie } });
    expect(live.statusCode, live.body).toBe(200);
    const queue = live.json<{ waitingCount: number; agents: { state: string }[] }>();
    expect(valueOf(exposition, 'yixian_calls_waiting', { pbx: 'default' })).toBe(1);
    expect(queue.waitingCount).toBe(1);
    // The caller arrived at the PBX's time, two minutes behind real time (the live queue's own
    // figure is on the test's manual clock, so it is not compared).
    const longest = valueOf(exposition, 'yixian_calls_longest_wait_seconds', { pbx: 'default' });
    expect(longest).toBeGreaterThanOrEqual(120);
    expect(longest).toBeLessThanOrEqual(120 + (Date.now() - simStartedAt) / 1000);
    expect(queue.agents.length).toBeGreaterThan(0);
    for (const state of new Set(queue.agents.map((agent) => agent.state))) {
      expect(valueOf(exposition, 'yixian_agents', { pbx: 'default', state })).toBe(queue.agents.filter((agent) => agent.state === state).length);
    }
    expect(samplesOf(exposition, 'yixian_agents', { pbx: 'default' }).reduce((sum, sample) => sum + sample.value, 0)).toBe(queue.agents.length);
    pbx.sim.hangup(linkedid);
    await pbx.processed('call.abandoned', linkedid);
  });

  it('counts the calls a bridge resync closed, per PBX', async () => {
    const at = new Date();
    const stale = await createCall(t.prisma, '12345', new Date(at.getTime() - 60_000));
    await t.prisma.call.update({ where: { id: stale.id }, data: { pbxId: 'pbx-x', state: 'offered', answeredAt: null, endedAt: null } });
    const resync = { kind: 'pbx.resync', pbxId: 'pbx-x', eventId: `resync-${randomUUID()}`, at: at.toISOString(), liveLinkedids: [], restarted: false };
    expect(await callEventsQueue.process({ name: 'pbx.resync', data: resync } as Job, delivery.context)).toEqual({ closed: 1 });
    const { exposition } = await scrape();
    expect(valueOf(exposition, 'yixian_resync_closed_calls_total', { pbx: 'pbx-x', process: WORKER })).toBe(1);
  });

  it('ships alert rules that parse and use only metrics the exposition has', async () => {
    const { exposition } = await scrape();
    const rules = parseYaml(readFileSync(new URL('../../../scripts/ops/prometheus-rules.yml', import.meta.url), 'utf8')) as {
      groups: { name: string; rules: { alert: string; expr: string; for?: string; labels?: object; annotations?: object }[] }[];
    };
    const alerts = rules.groups.flatMap((group) => group.rules);
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    expect(alerts.map((rule) => rule.alert).sort()).toEqual(['YixianAmiLinkDown', 'YixianCallerWaitingLong', 'YixianDeadlinesLate', 'YixianQueueFailing']);
    const known = new Set([...exposition.types.keys(), ...exposition.samples.map((sample) => sample.name)]);
    for (const rule of alerts) {
      expect(rule.expr.length, rule.alert).toBeGreaterThan(0);
      const names = [...rule.expr.matchAll(/\b(yixian_[a-z_]+)/g)].map((match) => match[1]!);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(known.has(name), `${rule.alert} uses ${name}`).toBe(true);
      // README's "Metrics and alerts" shows each rule's expression as shipped.
      expect(readme.replace(/\s+/g, ' '), `README's ${rule.alert}`).toContain(rule.expr.replace(/\s+/g, ' ').trim());
    }
    // A deadline step waits in PostgreSQL until the `outbox` queue's jobs hand it over (ten minutes
    // ahead) or sweep it up: with that queue stuck no step reaches `ticket-deadlines` to be late there.
    const deadlinesLate = alerts.find((rule) => rule.alert === 'YixianDeadlinesLate')!;
    expect(deadlinesLate.expr).toMatch(/yixian_queue_oldest_waiting_seconds\{queue=~"[^"]*\boutbox\b[^"]*"\}/);
  });
});
