import { createPinia, setActivePinia } from 'pinia';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requestClient } from '#/api/client';
import type { LiveQueue } from '#/api/calls';
import { startDeskTestServer, type DeskTestServer } from './desk-test-server';
import { applyQueueEvent, countByHotline, isQueueEvent, secondsSince, useQueueStore, type QueueSnapshot } from './queue.store';

const AGENT = 'Local/8101@agents/n';
const empty = (): QueueSnapshot => ({ waiting: new Map(), agents: new Map() });

describe('queue events', () => {
  it('adds a waiting call on offered and removes it when answered, abandoned or completed', () => {
    const snap = empty();
    expect(applyQueueEvent(snap, { type: 'call.offered', at: '2026-03-02T01:00:00Z', linkedid: 'a', hotline: '12345' })).toBe('applied');
    applyQueueEvent(snap, { type: 'call.offered', at: '2026-03-02T01:00:05Z', linkedid: 'b', hotline: '110' });
    applyQueueEvent(snap, { type: 'call.offered', at: '2026-03-02T01:00:06Z', linkedid: 'c', hotline: null });
    expect(countByHotline(snap.waiting.values())).toEqual({ 12345: 1, 110: 1, unknown: 1 });
    applyQueueEvent(snap, { type: 'call.answered', at: '2026-03-02T01:00:09Z', linkedid: 'a', agent: { interface: AGENT, memberName: null } });
    applyQueueEvent(snap, { type: 'call.abandoned', at: '2026-03-02T01:00:09Z', linkedid: 'b' });
    expect([...snap.waiting.keys()]).toEqual(['c']);
    expect(applyQueueEvent(snap, { type: 'call.ringing', at: '2026-03-02T01:00:09Z', linkedid: 'c' })).toBe('ignored');
    expect(snap.waiting.has('c')).toBe(true);
  });

  it('sets agents from agent.state: pause, after-call work and a pause pending on a call keep their reason, logged_out removes', () => {
    const snap = empty();
    const agent = { interface: AGENT, memberName: '话务员一' };
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:00:00Z', agent, state: 'ready', pausedReason: null });
    expect(snap.agents.get(AGENT)).toMatchObject({ state: 'ready', displayName: '话务员一', pausedReason: null });
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:00:30Z', agent, state: 'wrap_up', pausedReason: 'after_call_work' });
    expect(snap.agents.get(AGENT)).toMatchObject({ state: 'wrap_up', pausedReason: 'after_call_work' });
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:00:40Z', agent, state: 'unavailable', pausedReason: null });
    expect(snap.agents.get(AGENT)).toMatchObject({ state: 'unavailable' });
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:01:00Z', agent, state: 'paused', pausedReason: 'meal' });
    expect(snap.agents.get(AGENT)).toMatchObject({ state: 'paused', pausedReason: 'meal', since: '2026-03-02T01:01:00Z' });
    // Paused during a call: the bridge says busy with the pause pending.
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:02:00Z', agent, state: 'busy', pausedReason: 'meal' });
    expect(snap.agents.get(AGENT)).toMatchObject({ state: 'busy', pausedReason: 'meal' });
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:02:30Z', agent, state: 'ringing', pausedReason: 'meal' });
    expect(snap.agents.get(AGENT)?.pausedReason).toBeNull();
    applyQueueEvent(snap, { type: 'agent.state', at: '2026-03-02T01:03:00Z', agent, state: 'logged_out' });
    expect(snap.agents.size).toBe(0);
  });

  it('asks for a reload on a PBX resync and rejects malformed pushes', () => {
    expect(applyQueueEvent(empty(), { type: 'pbx.resync', at: '2026-03-02T01:00:00Z' })).toBe('reload');
    expect(isQueueEvent({ type: 'call.offered', at: 'yesterday' })).toBe(false);
    expect(isQueueEvent({ at: '2026-03-02T01:00:00Z' })).toBe(false);
    expect(isQueueEvent(null)).toBe(false);
    expect(secondsSince('2026-03-02T01:00:00Z', Date.parse('2026-03-02T01:00:42.9Z'))).toBe(42);
    expect(secondsSince('2026-03-02T01:00:00Z', Date.parse('2026-03-02T00:59:00Z'))).toBe(0);
  });
});

describe('queue store', () => {
  let server: DeskTestServer;
  beforeAll(async () => {
    server = await startDeskTestServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    setActivePinia(createPinia());
    requestClient.configure({ baseUrl: server.baseUrl, fetch: (...args) => globalThis.fetch(...args) });
  });

  it('loads the API snapshot, then follows pushes; waits tick on the server clock', async () => {
    const at = new Date().toISOString();
    const live: LiveQueue = {
      at, waitingCount: 1, longestWaitSeconds: 30, byHotline: { 12345: 1 },
      waiting: [{ linkedid: 'w1', pbxId: 'pbx-1', hotline: '12345', since: new Date(Date.parse(at) - 30_000).toISOString(), position: 1, waitSeconds: 30 }],
      agents: [{ interface: AGENT, pbxId: 'pbx-1', memberName: 'm', displayName: '话务员一', userId: 'u1', state: 'ready', pausedReason: null, since: at, secondsInState: 0, queue: 'hotline' }],
    };
    server.routes.set('GET /queue/live', [200, live]);
    const store = useQueueStore();
    await store.load();
    expect(store.waitingCount).toBe(1);
    expect(store.longestWaitSeconds).toBeGreaterThanOrEqual(29);
    expect(store.findAgentByUser('u1')?.displayName).toBe('话务员一');

    store.applyEvent({ type: 'call.offered', at, linkedid: 'w2', hotline: '110' });
    expect(store.byHotline).toEqual({ 12345: 1, 110: 1 });
    store.applyEvent({ type: 'agent.state', at, agent: { interface: AGENT, memberName: 'm' }, state: 'paused', pausedReason: 'break' });
    expect(store.agents.get(AGENT)).toMatchObject({ state: 'paused', pausedReason: 'break', userId: 'u1', displayName: '话务员一' });
    store.applyEvent('garbage');
    expect(store.waitingCount).toBe(2);
  });

  it('marks a failed load so the page can show its error state', async () => {
    server.routes.set('GET /queue/live', [503, { statusCode: 503, code: 'service_unavailable', message: 'down' }]);
    const store = useQueueStore();
    await expect(store.load()).rejects.toMatchObject({ code: 'service_unavailable' });
    expect(store.loadError).toBe(true);
    expect(store.isLoaded).toBe(false);
  });
});
