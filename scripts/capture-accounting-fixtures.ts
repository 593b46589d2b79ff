/**
 * Captures the accounting rows (queue_log + cdr) a real Asterisk writes for the call shapes the
 * reconciler must read, into apps/api/src/modules/accounting/fixtures/pbx-accounting.json, the
 * unit tests' fixtures. Needs the PBX of telephony/pbx (built once) and TEST_DATABASE_URL.
 *   pnpm exec tsx scripts/capture-accounting-fixtures.ts
 * Each scenario waits on AMI events or on the rows themselves (with a deadline), never on time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AmiClient, getField, type AmiMessage } from '@yixian/ami';
import { createAccountingDb } from '../telephony/pbx/accounting-db.js';
import { startTestPbx } from '../telephony/pbx/test-pbx.js';

const OUT = join(import.meta.dirname, '../apps/api/src/modules/accounting/fixtures/pbx-accounting.json');
const END_EVENTS = ['COMPLETECALLER', 'COMPLETEAGENT', 'ABANDON', 'EXITWITHTIMEOUT', 'EXITEMPTY', 'BLINDTRANSFER', 'ATTENDEDTRANSFER'];

const db = await createAccountingDb();
const root = mkdtempSync(join(tmpdir(), 'yx-capture-'));
const pbx = await startTestPbx({ root, accounting: db });
const ami = new AmiClient({ url: pbx.testAmiUrl, reconnectBaseMs: 100 });
const events: AmiMessage[] = [];
const waiters = new Set<() => void>();
ami.on('event', (event) => {
  events.push(event);
  for (const wake of waiters) wake();
});
ami.start();
await new Promise<void>((resolve) => ami.once('connected', () => resolve()));

function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return new Promise<T>((resolve, reject) => {
    const check = async () => {
      const found = await probe();
      if (found !== undefined) return resolve(found);
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(() => void check(), 100);
    };
    void check();
  });
}

const field = (event: AmiMessage, name: string) => getField(event, name);
const eventOf = (name: string, match: (event: AmiMessage) => boolean = () => true) => () => events.find((event) => event.event === name && match(event));

/** Places a call; resolves with the caller's Linkedid once it is in the queue. */
async function placeCall(patience: number, caller = '"张三" <13800001111>', did = '12345'): Promise<string> {
  const seen = events.length;
  await ami.action({ Action: 'Originate', Channel: `Local/${did}@hotline-inbound`, Application: 'Wait', Data: String(patience), CallerID: caller, Async: 'true' });
  const join = await waitFor('QueueCallerJoin', () => events.slice(seen).find((event) => event.event === 'QueueCallerJoin'));
  return field(join, 'Linkedid')!;
}

/** Places a call into an empty queue; resolves with its Linkedid (from the YIXIANCALL row). */
async function placeJoinEmpty(patience: number): Promise<string> {
  const seen = events.length;
  await ami.action({ Action: 'Originate', Channel: 'Local/12345@hotline-inbound', Application: 'Wait', Data: String(patience), CallerID: '"李四" <13600004444>', Async: 'true' });
  const created = await waitFor('Newchannel', () => events.slice(seen).find((event) => event.event === 'Newchannel'));
  return field(created, 'Linkedid')!;
}

async function endRows(linkedid: string, queueEnd = true) {
  return waitFor(`accounting rows of ${linkedid}`, async () => {
    const map = await db.pool.query(`SELECT callid FROM queue_log WHERE event = 'YIXIANCALL' AND data1 LIKE $1`, [`${linkedid}%`]);
    const callids = map.rows.map((row) => row.callid as string);
    const ql = await db.pool.query(`SELECT time, callid, queuename, agent, event, data1, data2, data3, data4, data5 FROM queue_log WHERE callid = ANY($1) ORDER BY time, id`, [callids]);
    const cdr = await db.pool.query(`SELECT * FROM cdr WHERE linkedid = $1 ORDER BY id`, [linkedid]);
    const ended = ql.rows.some((row) => END_EVENTS.includes(row.event));
    // The caller's ;1 leg (the Originate's own channel: Uniqueid = Linkedid) is the last CDR written.
    const callerLegDone = cdr.rows.some((row) => row.uniqueid === linkedid);
    return (ended || !queueEnd) && callerLegDone ? { queueLog: ql.rows, cdr: cdr.rows } : undefined;
  });
}

const member = (ext: string, name: string, paused = false) =>
  ami.action({ Action: 'QueueAdd', Queue: 'hotline', Interface: `Local/${ext}@yixian-test-agents/n`, MemberName: name, Paused: paused ? 'true' : 'false' });
const removeMember = (ext: string) => ami.action({ Action: 'QueueRemove', Queue: 'hotline', Interface: `Local/${ext}@yixian-test-agents/n` });
const connected = (linkedid: string) => waitFor('AgentConnect', eventOf('AgentConnect', (event) => field(event, 'Linkedid') === linkedid));
const scenarios: Record<string, unknown> = {};

try {
  // completeagent: answered; the agent's phone hangs up (the ;2 half of its Local channel: hanging
  // up the bridged ;1 half directly is logged as COMPLETECALLER).
  await member('8001', '王芳 8001');
  let linkedid = await placeCall(60);
  let connect = await connected(linkedid);
  await ami.action({ Action: 'Hangup', Channel: field(connect, 'DestChannel')!.replace(/;1$/, ';2') });
  scenarios.completeagent = { linkedid, ...(await endRows(linkedid)) };
  await removeMember('8001');

  // completecaller: answered, the caller hangs up after 6 s in all.
  await member('8002', '李强 8002');
  linkedid = await placeCall(6, '"O\'Brien" <13900002222>');
  scenarios.completecaller = { linkedid, ...(await endRows(linkedid)) };
  await removeMember('8002');

  // abandon: the only member is paused (the caller may join, nobody rings); the caller gives up after 3 s.
  await member('8004', '孙丽 8004', true);
  linkedid = await placeCall(3, '<13700003333>');
  scenarios.abandon = { linkedid, ...(await endRows(linkedid)) };

  // timeout: the queue's longest wait cut to 3 s (a global Queue() reads), nobody answers.
  await ami.action({ Action: 'Setvar', Variable: 'QUEUE_MAX_WAIT', Value: '3' });
  linkedid = await placeCall(12);
  scenarios.timeout = { linkedid, ...(await endRows(linkedid)) };
  await ami.action({ Action: 'Setvar', Variable: 'QUEUE_MAX_WAIT', Value: '300' });

  // exitempty: the only (paused) member leaves while the caller waits.
  linkedid = await placeCall(20);
  await removeMember('8004');
  scenarios.exitempty = { linkedid, ...(await endRows(linkedid)) };

  // joinempty: nobody in the queue at all; Queue() refuses at once (no ENTERQUEUE).
  linkedid = await placeJoinEmpty(8);
  scenarios.joinempty = { linkedid, ...(await endRows(linkedid, false)) };

  // redirect: the bridge's transfer (AMI Redirect of the caller to a desk); the caller hangs up at 10 s.
  await member('8003', '赵敏 8003');
  linkedid = await placeCall(10);
  connect = await connected(linkedid);
  await ami.action({ Action: 'Redirect', Channel: field(connect, 'Channel')!, Context: 'yixian-transfer', Exten: '7001', Priority: '1' });
  scenarios.redirect = { linkedid, redirectedAt: new Date().toISOString(), ...(await endRows(linkedid)) };

  // blindtransfer: the agent's leg transfers the caller to a desk (BlindTransfer action); caller hangs up at 10 s.
  linkedid = await placeCall(10);
  connect = await connected(linkedid);
  await ami.action({ Action: 'BlindTransfer', Channel: field(connect, 'DestChannel')!, Context: 'yixian-transfer', Exten: '7002' });
  scenarios.blindtransfer = { linkedid, ...(await endRows(linkedid)) };
  await removeMember('8003');

  writeFileSync(OUT, `${JSON.stringify({ capturedFrom: pbx.cli('core show version').trim(), capturedAt: new Date().toISOString(), scenarios }, null, 2)}\n`);
  console.log(`wrote ${OUT}`);
} finally {
  await ami.close();
  await pbx.stop();
  await db.drop();
  rmSync(root, { recursive: true, force: true });
}
