/**
 * The bridge's config sync against the PBX simulator over real TCP and Redis: AstDB ends up
 * holding exactly the wanted hotlines and calendar (puts what differs, deletes the rest, a second
 * run changes nothing, an older read is skipped), and the simulator then routes calls as the
 * shipped dialplan does: unknown numbers rejected, 110 fixed, an office line on a calendar
 * holiday after hours with its own closed policy (menu, message only, forward).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { AmiClient, getField } from '@yixian/ami';
import { createPbxSimulator, type PbxSimulator } from '@yixian/ami/simulator';
import { createRedisPrefix } from '@yixian/db/testing';
import { pbxHotlineValue } from '@yixian/domain';
import { readPbxConfigStatus, type ConfigSyncCommand } from '@yixian/runtime';
import { createConfigSync, type ConfigSync } from '../src/config-sync.js';

let sim: PbxSimulator;
let client: AmiClient;
let redis: Redis;
let redisPrefix: ReturnType<typeof createRedisPrefix>;
let sync: ConfigSync;
const events: Record<string, string>[] = [];

// 2026-10-01 is a public holiday (国庆节) in the calendar sent below.
const HOLIDAY_NOON = Date.parse('2026-10-01T04:00:00Z');

beforeAll(async () => {
  redisPrefix = createRedisPrefix();
  redis = new Redis(redisPrefix.url, { maxRetriesPerRequest: null });
  sim = createPbxSimulator({ clock: 'manual', startTime: HOLIDAY_NOON, username: 'yixian', secret: 's3cret', overflow: true, members: [{ agent: '8101', answerAfterS: null }] });
  await sim.listen();
  sim.onEvent((fields) => events.push(Object.fromEntries(fields)));
  client = new AmiClient({ url: `ami://yixian:s3cret@127.0.0.1:${sim.port}` });
  const connected = new Promise<void>((resolve) => client.on('connected', () => resolve()));
  client.start();
  await connected;
  sync = createConfigSync(client, redis, `${redisPrefix.prefix}:`, 'sim');
});
afterAll(async () => {
  await client?.close();
  await sim?.close();
  await redis?.quit();
  await redisPrefix?.cleanup();
});

const office = (whenClosed: 'callback_or_message' | 'message' | 'forward', forwardTo: string | null = null) =>
  pbxHotlineValue({ hours: 'office', whenClosed, forwardTo, priority: 0 });
const command = (readAt: string, extra: Record<string, string> = {}): ConfigSyncCommand => ({
  type: 'config.sync', readAt, digest: `d-${readAt}`,
  hotlines: { '12345': pbxHotlineValue({ hours: '24h', whenClosed: 'callback_or_message', forwardTo: null, priority: 0 }), '12320': office('callback_or_message'), '12399': office('message'), '12315': office('forward', '12345'), ...extra },
  calendar: { '20261001': 'holiday', '20260928': 'workday' },
});
const tree = async (family: string) => (await client.action({ Action: 'DBGetTree', Family: family })).items.map((item) => `${getField(item, 'Key')}=${getField(item, 'Val')}`);
const userEvents = (linkedid: string) => events.filter((e) => e.Event === 'UserEvent' && e.Linkedid === linkedid).map((e) => `${e.UserEvent}:${e.Reason}`);

describe('config sync into AstDB', () => {
  it('puts what differs, deletes what is no longer wanted, and records what it applied', async () => {
    await client.action({ Action: 'DBPut', Family: 'yixian-calendar', Key: '20200101', Val: 'holiday' });
    await client.action({ Action: 'DBPut', Family: 'yixian-hotline', Key: '580', Val: office('callback_or_message') });
    const report = await sync.run(command('2026-10-01T04:00:00.000Z'));
    expect(report).toMatchObject({ ok: true, put: 6, deleted: 2, unchanged: 0 });
    expect(await tree('yixian-hotline')).toEqual(['/yixian-hotline/12315=office|forward:12345|0', '/yixian-hotline/12320=office|callback_or_message|0', '/yixian-hotline/12345=24h|callback_or_message|0', '/yixian-hotline/12399=office|message|0']);
    expect(await tree('yixian-calendar')).toEqual(['/yixian-calendar/20260928=workday', '/yixian-calendar/20261001=holiday']);
    expect(await readPbxConfigStatus(redis, `${redisPrefix.prefix}:`, 'sim')).toMatchObject({ digest: 'd-2026-10-01T04:00:00.000Z', error: null });
  });

  it('changes nothing the second time, and skips a read older than the one applied', async () => {
    expect(await sync.run(command('2026-10-01T04:00:01.000Z'))).toMatchObject({ put: 0, deleted: 0, unchanged: 6 });
    const stale = await sync.run(command('2026-10-01T03:00:00.000Z', { '12366': office('message') }));
    expect(stale.stale).toBe(true);
    expect(await tree('yixian-hotline')).not.toContain('/yixian-hotline/12366=office|message|0');
  });

  it('refuses a payload that is not a policy, naming it, before touching the PBX', async () => {
    await expect(sync.run({ ...command('2026-10-01T05:00:00.000Z'), hotlines: { '12345': 'sometimes' } })).rejects.toThrow(/hotlines.12345/);
    await expect(sync.run({ ...command('2026-10-01T05:00:00.000Z'), calendar: { '2026-10-01': 'holiday' } })).rejects.toThrow(/YYYYMMDD/);
    expect(await tree('yixian-hotline')).toHaveLength(4);
  });
});

describe('the simulator routes calls by AstDB, as the shipped dialplan', () => {
  it('rejects a number without a key, and always answers 110', async () => {
    expect(() => sim.placeCall({ hotline: '580', callerNumber: '13900000001' })).toThrow(/Unknown hotline 580/);
    const police = sim.placeCall({ hotline: '110', callerNumber: '13900000002' });
    sim.tick(600);
    expect(sim.snapshot().waiting.map((w) => w.linkedid)).toContain(police.linkedid);
    sim.hangup(police.linkedid);
  });

  it('follows each line’s closed policy on a calendar holiday', async () => {
    const menu = sim.placeCall({ hotline: '12320', callerNumber: '13900000003' });
    const message = sim.placeCall({ hotline: '12399', callerNumber: '13900000004' });
    const forwarded = sim.placeCall({ hotline: '12315', callerNumber: '13900000005' });
    const open = sim.placeCall({ hotline: '12345', callerNumber: '13900000006' });
    sim.tick(6_000);
    expect(userEvents(menu.linkedid)).toEqual(['YixianOverflow:after_hours', 'YixianCallbackRequest:after_hours']);
    expect(userEvents(message.linkedid)).toEqual(['YixianOverflow:after_hours']);
    expect(userEvents(forwarded.linkedid)).toEqual([]);
    expect(userEvents(open.linkedid)).toEqual([]);
    expect(sim.snapshot().calls.filter((c) => c.phase !== 'done').map((c) => c.hotline).sort()).toEqual(['12315', '12345']);
  });
});
