/**
 * Hotlines administered in the console reach a real Asterisk 22 with no dialplan edit (issue 14):
 * the API's change → the worker's config sync → the bridge's DBPut/DBDel on AstDB → the dialplan's
 * lookup in [hotline-inbound]. A number added is answered into the queue (queue_log says so), an
 * office-hours line on a holiday set in the work calendar takes the after-hours branch, and a
 * disabled number is rejected as unallocated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getField, type AmiMessage } from '@yixian/ami';
import type { Session } from '../../apps/api/test/helpers/test-app.js';
import { eventually, startLive, type Live } from './live-harness.js';

const DID = '12399';
let live: Live;
let admin: Session;
const events: AmiMessage[] = [];

beforeAll(async () => {
  live = await startLive();
  admin = await live.login('demo-admin');
  live.ami.on('event', (event) => events.push(event));
  // A member that never answers: a caller who joins the queue waits there (queues.conf joinempty = no).
  await live.scriptAgent('8107', { ring: 'never' });
  await live.addMember('8107', '测试坐席');
});
afterAll(async () => {
  await live?.close();
});

const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => live.t.app.inject({ method, url, headers: admin.headers, payload });
const astdb = async (family: string, key: string) => {
  const result = await live.ami.action({ Action: 'DBGet', Family: family, Key: key }).catch(() => null);
  return result?.items.find((item) => item.event === 'DBGetResponse') ? getField(result.items.find((item) => item.event === 'DBGetResponse')!, 'Val') : null;
};
const queueLog = (linkedid: string) =>
  live.accounting.pool.query<{ event: string; data2: string }>(
    `SELECT q.event, y.data2 FROM queue_log y JOIN queue_log q ON q.callid = y.callid WHERE y.event = 'YIXIANCALL' AND y.data1 = $1 ORDER BY q.id`, [linkedid],
  ).then((r) => r.rows);
const todayKey = () => new Date().toISOString().slice(0, 10);

describe('a hotline added in the console', () => {
  let id = '';
  let version = 0;

  it('is answered into the queue once the PBX has it', async () => {
    expect(await astdb('yixian-hotline', DID)).toBeNull();
    const created = await api('POST', '/api/admin/hotlines', { number: DID, name: '测试热线', nameEn: 'Test line', hours: '24h' });
    expect(created.statusCode, created.body).toBe(201);
    ({ id, version } = created.json());
    await live.pbxConfigSynced();
    expect(await astdb('yixian-hotline', DID)).toBe('24h|callback_or_message|0');
    const status = await api('GET', '/api/admin/hotlines/pbx-sync');
    expect(status.json()).toMatchObject({ upToDate: true, bridgeConnected: true, error: null });

    const linkedid = await live.placeCall({ did: DID, number: '13500009901', patience: 30 });
    const rows = await eventually(() => queueLog(linkedid), (r) => r.some((row) => row.event === 'ENTERQUEUE'), 'ENTERQUEUE in queue_log');
    expect(rows[0]).toEqual({ event: 'YIXIANCALL', data2: DID });
    const call = await live.callWhen(linkedid, (c) => c.state === 'offered' || c.state === 'ringing', 'the call waiting in the queue');
    expect(call).toMatchObject({ hotlineNumber: DID, hotlineId: id });
    await live.hangupCall(linkedid);
  });

  it('takes the after-hours branch in office hours on a holiday set in the work calendar', async () => {
    const edited = await api('PATCH', `/api/admin/hotlines/${id}`, { version, hours: 'office' });
    expect(edited.statusCode, edited.body).toBe(200);
    version = edited.json().version;
    // The calendar administrator marks today a public holiday (the test PBX runs on UTC).
    await live.t.prisma.workCalendar.upsert({ where: { date: new Date(`${todayKey()}T00:00:00Z`) }, create: { date: new Date(`${todayKey()}T00:00:00Z`), kind: 'holiday', name: '测试假日' }, update: { kind: 'holiday' } });
    await live.t.app.configChanged(['work_calendar']);
    await live.pbxConfigSynced();
    expect(await astdb('yixian-calendar', todayKey().replaceAll('-', ''))).toBe('holiday');
    expect(await astdb('yixian-hotline', DID)).toBe('office|callback_or_message|0');

    const linkedid = await live.placeCall({ did: DID, number: '13500009902', patience: 30 });
    const overflow = await eventually(async () => events.find((e) => e.event === 'UserEvent' && getField(e, 'UserEvent') === 'YixianOverflow' && getField(e, 'Linkedid') === linkedid) ?? null, (e) => e !== null, 'UserEvent YixianOverflow');
    expect([getField(overflow!, 'Hotline'), getField(overflow!, 'Reason')]).toEqual([DID, 'after_hours']);
    const call = await live.callWhen(linkedid, (c) => c.state === 'overflow', 'the after-hours call recorded');
    expect(call).toMatchObject({ overflowReason: 'after_hours', hotlineNumber: DID });
    expect(await queueLog(linkedid)).toEqual([]);
    await live.hangupCall(linkedid);
    // The same holiday leaves a 24 h line open: the policy is read, not only the calendar.
    const open = await live.placeCall({ did: '12345', number: '13500009905', patience: 30 });
    await eventually(() => queueLog(open), (r) => r.some((row) => row.event === 'ENTERQUEUE'), '12345 entering the queue on the holiday');
    await live.hangupCall(open);

    await live.t.prisma.workCalendar.delete({ where: { date: new Date(`${todayKey()}T00:00:00Z`) } });
    await live.t.app.configChanged(['work_calendar']);
    await live.pbxConfigSynced();
    expect(await astdb('yixian-calendar', todayKey().replaceAll('-', ''))).toBeNull();
  });

  it('is rejected as unallocated once disabled', async () => {
    const disabled = await api('POST', `/api/admin/hotlines/${id}/disable`, { version });
    expect(disabled.statusCode, disabled.body).toBe(200);
    await live.pbxConfigSynced();
    expect(await astdb('yixian-hotline', DID)).toBeNull();

    const linkedid = await live.placeCall({ did: DID, number: '13500009903', patience: 30 });
    const hangup = await eventually(async () => events.find((e) => e.event === 'Hangup' && getField(e, 'Linkedid') === linkedid && /;2$/.test(getField(e, 'Channel') ?? '')) ?? null, (e) => e !== null, 'the inbound leg hung up');
    expect(getField(hangup!, 'Cause')).toBe('1');
    expect(await queueLog(linkedid)).toEqual([]);
    expect(await live.t.prisma.call.findUnique({ where: { linkedid } })).toBeNull();
    // 110 never depends on AstDB: it is still answered.
    const police = await live.placeCall({ did: '110', number: '13500009904', patience: 30 });
    await eventually(() => queueLog(police), (r) => r.some((row) => row.event === 'ENTERQUEUE'), '110 entering the queue');
    await live.hangupCall(police);
  });

  it('left no dialplan error on the PBX (every function the lookup uses is loaded)', () => {
    expect(live.pbx.messages().split('\n').filter((line) => line.includes('ERROR['))).toEqual([]);
  });
});
