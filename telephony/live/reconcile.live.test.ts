/**
 * The accounting reconciler against a real Asterisk 22: calls made while no bridge was connected
 * are recovered from the PBX's queue_log and CDR once the link comes back; a call the bridge saw
 * agrees with the accounting; a corrupted call record is listed for the shift lead until fixed; a
 * call the resync had to close while the link was cut takes the PBX's end, talk and who hung up.
 * Judged by the PBX's own rows (pbx-accounting.ts, independent of the reconciler's code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../apps/api/test/helpers/test-app.js';
import { readPbxView } from './pbx-accounting.js';
import { agentInterface, startReconcileStage, type ReconcileStage } from './reconcile-stage.js';

let stage: ReconcileStage;
beforeAll(async () => {
  stage = await startReconcileStage();
});
afterAll(async () => {
  await stage?.close();
});

const near = (ours: Date | null, theirs: Date | null) =>
  ours === null || theirs === null ? expect(ours).toBe(theirs) : expect(Math.abs(ours.getTime() - theirs.getTime())).toBeLessThanOrEqual(1_500);

describe('reconciling with the PBX accounting', () => {
  let outageAnswered: string;
  let outageAbandoned: string;
  let seen: string;

  it('recovers the calls of an AMI outage: answered and abandoned, with the PBX times, outcome and agent', async () => {
    await stage.addMember('8101', '李娜 8101');
    await stage.scriptAgent('8101', { ring: 1, talk: 2 });
    outageAnswered = await stage.placeCall({ did: '12345', number: '13800001111', name: '张三' });
    await stage.accounted(outageAnswered);
    await stage.scriptAgent('8101', { ring: 'never' });
    outageAbandoned = await stage.placeCall({ did: '12369', number: '13700003333', patience: 4 });
    await stage.accounted(outageAbandoned);
    expect(await stage.t.prisma.call.count()).toBe(0);

    const linkReturned = Date.now();
    const run = await stage.connect();
    expect(run).toMatchObject({ calls: 2, created: 2, opened: 0 });
    // Within a minute of the link returning (the resync asks for a run at once).
    expect(Date.now() - linkReturned).toBeLessThan(60_000);
    if (process.env.LIVE_FIGURES) console.log(`recovered ${run.created} calls ${Date.now() - linkReturned} ms after the bridge started; run ${run.ms} ms`);

    const answered = await stage.t.prisma.call.findUniqueOrThrow({ where: { linkedid: outageAnswered } });
    const pbx = await readPbxView(stage.accounting.pool, outageAnswered);
    expect(answered).toMatchObject({
      source: 'accounting', state: 'completed', hotlineNumber: '12345', callerNumber: '13800001111', callerName: '张三',
      agentInterface: agentInterface('8101'), hangupBy: 'agent', waitSeconds: pbx.waitSeconds, talkSeconds: pbx.talkSeconds, recordingFile: pbx.recording,
    });
    // The agent was scripted to talk 2 s; a loaded machine has stretched that (7 s seen in CI).
    expect(pbx).toMatchObject({ outcome: 'completed', answeredBy: '李娜 8101' });
    expect(pbx.talkSeconds).toBeGreaterThanOrEqual(2);
    near(answered.enteredAt, pbx.enteredAt);
    near(answered.answeredAt, pbx.answeredAt);
    near(answered.endedAt, pbx.endedAt);

    const abandoned = await stage.t.prisma.call.findUniqueOrThrow({ where: { linkedid: outageAbandoned } });
    const lost = await readPbxView(stage.accounting.pool, outageAbandoned);
    expect(lost.outcome).toBe('abandoned');
    expect(abandoned).toMatchObject({ source: 'accounting', state: 'abandoned', hotlineNumber: '12369', agentInterface: null, answeredAt: null, waitSeconds: lost.waitSeconds });
    near(abandoned.endedAt, lost.endedAt);

    const [rollup] = await stage.t.prisma.$queryRaw<{ offered: number }[]>`SELECT coalesce(sum(offered), 0)::int AS offered FROM call_rollup`;
    expect(rollup!.offered).toBe(2);
  });

  it('finds no difference on a call the bridge and the worker recorded', async () => {
    await stage.scriptAgent('8101', { ring: 1, talk: 2 });
    seen = await stage.placeCall({ did: '12345', number: '13900002222', name: "O'Brien" });
    await stage.finished((job) => job.kind === 'call.completed' && job.linkedid === seen, 'the bridge’s call.completed', 60_000);
    await stage.accounted(seen);
    const run = await stage.reconcile();
    expect(run).toMatchObject({ calls: 3, created: 0, corrected: 0, open: 0 });
    expect(await stage.t.prisma.call.findUniqueOrThrow({ where: { linkedid: seen } })).toMatchObject({ source: 'ami', state: 'completed', resynced: false });
    expect(await stage.t.prisma.callDiscrepancy.count()).toBe(0);
  });

  it('lists a corrupted call record for the shift lead until it agrees again', async () => {
    const call = await stage.t.prisma.call.findUniqueOrThrow({ where: { linkedid: seen } });
    await stage.t.prisma.call.update({ where: { id: call.id }, data: { talkSeconds: call.talkSeconds! + 30 } });
    await stage.reconcile();
    const lead = await login(stage.t.app, 'demo-lead');
    const listed = (await stage.t.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers })).json();
    expect(listed).toMatchObject({ enabled: true, total: 1 });
    expect(listed.items[0]).toMatchObject({
      linkedid: seen, field: 'talkSeconds', yixianValue: String(call.talkSeconds! + 30), pbxValue: String(call.talkSeconds), resolvedAt: null,
      call: { hotlineName: '市民服务热线', agentName: '话务员 李娜', callerNumber: '139****2222', source: 'ami' },
    });
    const health = (await stage.t.app.inject({ url: '/api/health' })).json();
    expect(health.checks.reconciler).toMatchObject({ status: 'ok', openDiscrepancies: 1 });

    await stage.t.prisma.call.update({ where: { id: call.id }, data: { talkSeconds: call.talkSeconds } });
    expect(await stage.reconcile()).toMatchObject({ open: 0 });
    expect((await stage.t.app.inject({ url: '/api/calls/discrepancies', headers: lead.headers })).json()).toMatchObject({ total: 0 });
    const resolved = (await stage.t.app.inject({ url: '/api/calls/discrepancies?status=resolved', headers: lead.headers })).json();
    expect(resolved.items).toHaveLength(1);
    expect(resolved.items[0].resolvedAt).not.toBeNull();
  });

  it('puts the PBX end, talk and who hung up on a call the resync closed while the link was cut', async () => {
    await stage.scriptAgent('8101', { ring: 1, talk: 3 });
    const linkedid = await stage.placeCall({ did: '12345', number: '13600004444', name: '李四' });
    await stage.finished((job) => job.kind === 'call.answered' && job.linkedid === linkedid, 'the bridge’s call.answered', 60_000);
    stage.cutLink();
    await stage.accounted(linkedid);
    const run = await stage.restoreLink();
    expect(run.corrected).toBeGreaterThanOrEqual(1);
    const call = await stage.t.prisma.call.findUniqueOrThrow({ where: { linkedid } });
    const pbx = await readPbxView(stage.accounting.pool, linkedid);
    // The resync closed it at its own time with nobody known to have hung up; the PBX knows better.
    expect(call).toMatchObject({ source: 'ami', resynced: true, state: 'completed', hangupBy: 'agent', talkSeconds: pbx.talkSeconds });
    near(call.endedAt, pbx.endedAt);
    expect(await stage.t.prisma.callDiscrepancy.count({ where: { linkedid, resolvedAt: null } })).toBe(0);
  });
});
