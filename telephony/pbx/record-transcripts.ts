/**
 * Records AMI transcripts from the real test PBX (telephony/pbx/test-pbx.ts), one fresh PBX and
 * accounting database per scenario (transcript-scenarios.ts), into
 * packages/ami/test/recordings/asterisk-22/:
 *   <name>.txt            the bytes the bridge's user `yixian` received (shipped read classes and
 *                         event filters), greeting first: the format of /work/shared/ami/*.txt
 *   <name>.sent.txt       the bytes sent on that connection (Login, the bridge's actions, Logoff)
 *   <name>.driver.sent.txt  what the test user sent to play the scenario (callers, AstDB, CLI)
 *   <name>.queue_log.json / <name>.cdr.json   the PBX's accounting rows afterwards (ORDER BY id)
 * Usage: node --import tsx telephony/pbx/record-transcripts.ts [scenario …]
 * Needs TEST_DATABASE_URL (or the default local PostgreSQL) and the cached Asterisk build.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccountingDb, type TestAccountingDb } from './accounting-db.js';
import { fieldOf, isEvent, RawAmiConnection, type AmiMessage } from './raw-ami.js';
import { startTestPbx, type TestPbx } from './test-pbx.js';
import { pbxHotlineValue } from '@yixian/domain';
import { HOTLINES } from '../../prisma/seed/data/hotlines.js';
import { agentInterface, isOfCall, QUEUE, SCENARIOS, type Scenario, type ScenarioContext } from './transcript-scenarios.js';

const OUT = join(import.meta.dirname, '../../packages/ami/test/recordings/asterisk-22');

/** Every channel of a call hung up, as the test user (all events) saw it. */
function isCallGone(messages: AmiMessage[], linkedid: string): boolean {
  const up = new Set<string>();
  const down = new Set<string>();
  for (const m of messages) {
    if (fieldOf(m, 'Linkedid') !== linkedid) continue;
    if (isEvent(m, 'Newchannel')) up.add(fieldOf(m, 'Uniqueid') ?? '');
    if (isEvent(m, 'Hangup')) down.add(fieldOf(m, 'Uniqueid') ?? '');
  }
  return up.size > 0 && [...up].every((u) => down.has(u));
}

/** Accounting rows exactly as stored: timestamps as PostgreSQL prints them (microseconds kept). */
async function readRows(db: TestAccountingDb, table: 'queue_log' | 'cdr'): Promise<unknown[]> {
  const result = await db.pool.query({
    text: `SELECT * FROM ${table} ORDER BY id`,
    types: { getTypeParser: (oid: number) => (oid === 20 ? Number : oid === 701 ? Number : oid === 23 ? Number : (v: string) => v) },
  });
  return result.rows;
}

async function record(scenario: Scenario): Promise<void> {
  const started = Date.now();
  const db = await createAccountingDb();
  const root = mkdtempSync(join(tmpdir(), 'yx-transcript-'));
  let pbx: TestPbx | undefined;
  const connections: Array<{ file: string; connection: RawAmiConnection }> = [];
  const drivers: RawAmiConnection[] = [];
  try {
    pbx = await startTestPbx({ root, accounting: db });
    // The numbers reach [hotline-inbound] through AstDB (the bridge's config sync in production).
    for (const h of HOTLINES) pbx.cli(`database put yixian-hotline ${h.number} ${pbxHotlineValue({ hours: h.hours ?? 'office', whenClosed: 'callback_or_message', forwardTo: null, priority: h.priority ?? 0 })}`);
    const openDriver = async () => {
      const driver = await RawAmiConnection.open(pbx!.testAmiUrl, `${scenario.name}-driver${drivers.length || ''}`);
      drivers.push(driver);
      return driver;
    };
    const openBridge = async (file: string) => {
      const bridge = await RawAmiConnection.open(pbx!.bridgeAmiUrl, file);
      connections.push({ file, connection: bridge });
      await bridge.waitFor((m) => isEvent(m, 'FullyBooted'), 'FullyBooted');
      return bridge;
    };
    const ctx: ScenarioContext = {
      driver: await openDriver(),
      bridge: await openBridge(scenario.name),
      async setAgent(ext, ring, talkS) {
        await ctx.driver.action('DBPut', [['Family', 'yxtest'], ['Key', `ring/${ext}`], ['Val', String(ring)]]);
        if (talkS !== undefined) await ctx.driver.action('DBPut', [['Family', 'yxtest'], ['Key', `talk/${ext}`], ['Val', String(talkS)]]);
      },
      async addMember(ext, name, pausedReason) {
        const from = ctx.bridge.messages.length;
        const paused: Array<[string, string]> = pausedReason === undefined ? [['Paused', 'false']] : [['Paused', 'true'], ['Reason', pausedReason]];
        const { response } = await ctx.bridge.action('QueueAdd', [['Queue', QUEUE], ['Interface', agentInterface(ext)], ['MemberName', name], ...paused]);
        if (fieldOf(response, 'Response') !== 'Success') throw new Error(`QueueAdd ${ext}: ${fieldOf(response, 'Message')}`);
        await ctx.bridge.waitFor((m) => isEvent(m, 'QueueMemberAdded') && fieldOf(m, 'Interface') === agentInterface(ext), 'QueueMemberAdded', 10_000, from);
      },
      async placeCaller(did, callerId, patienceS) {
        const { response } = await ctx.driver.action('Originate', [
          ['Channel', `Local/${did}@hotline-inbound`], ['Application', 'Wait'], ['Data', String(patienceS)], ['CallerID', callerId], ['Async', 'true'],
        ]);
        const actionId = fieldOf(response, 'ActionID');
        const answered = await ctx.driver.waitFor((m) => isEvent(m, 'OriginateResponse') && fieldOf(m, 'ActionID') === actionId, `OriginateResponse of ${did}`);
        if (fieldOf(answered, 'Response') !== 'Success') throw new Error(`Originate of ${did} failed: reason ${fieldOf(answered, 'Reason')}`);
        return { linkedid: fieldOf(answered, 'Uniqueid')!, channel: fieldOf(answered, 'Channel')! };
      },
      bridgeEvent(name, linkedid, timeoutMs = 30_000) {
        const named = (m: AmiMessage) => isEvent(m, name) || (isEvent(m, 'UserEvent') && fieldOf(m, 'UserEvent') === name);
        return ctx.bridge.waitFor((m) => named(m) && (linkedid === undefined || isOfCall(m, linkedid)), `${name}${linkedid ? ` of ${linkedid}` : ''}`, timeoutMs);
      },
      async callGone(linkedid, timeoutMs = 30_000) {
        await ctx.driver.until(() => (isCallGone(ctx.driver.messages, linkedid) ? true : undefined), `every channel of ${linkedid} to hang up`, timeoutMs);
      },
      async command(cli) {
        const { response } = await ctx.driver.action('Command', [['Command', cli]]);
        if (fieldOf(response, 'Response') !== 'Success') throw new Error(`CLI ${cli}: ${fieldOf(response, 'Message')}`);
      },
      async callerChannel(linkedid) {
        const { items } = await ctx.bridge.action('CoreShowChannels');
        const legs = items.filter((m) => fieldOf(m, 'Linkedid') === linkedid);
        const caller = legs.find((m) => fieldOf(m, 'Application') === 'Queue') ?? legs.find((m) => fieldOf(m, 'Uniqueid') === linkedid);
        if (!caller) throw new Error(`no channel of ${linkedid} in CoreShowChannels`);
        return fieldOf(caller, 'Channel')!;
      },
      async restartPbx(file) {
        const restarting = pbx!.restart();
        await Promise.all([ctx.bridge.waitClosed(), ctx.driver.waitClosed()]);
        await restarting;
        ctx.driver = await openDriver();
        ctx.bridge = await openBridge(file);
      },
    };
    await scenario.run(ctx);
    await ctx.bridge.waitQuiet(1000);
    for (const { connection } of connections) if (!connection.closed) await connection.logoff();
    for (const driver of drivers) if (!driver.closed) await driver.logoff();
    await pbx.stop();
    mkdirSync(OUT, { recursive: true });
    for (const { file, connection } of connections) {
      writeFileSync(join(OUT, `${file}.txt`), connection.receivedBytes());
      writeFileSync(join(OUT, `${file}.sent.txt`), connection.sentBytes());
    }
    writeFileSync(join(OUT, `${scenario.name}.driver.sent.txt`), drivers.map((d) => d.sentBytes()).join(''));
    for (const table of ['queue_log', 'cdr'] as const) {
      writeFileSync(join(OUT, `${scenario.name}.${table}.json`), `${JSON.stringify(await readRows(db, table), null, 2)}\n`);
    }
    const events = connections.reduce((n, c) => n + c.connection.messages.length, 0);
    console.log(`${scenario.name}: ${events} messages to the bridge in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (pbx) console.error(`${scenario.name} failed; the PBX said:\n${pbx.messages().slice(-3000)}`);
    throw error;
  } finally {
    for (const c of [...connections.map((x) => x.connection), ...drivers]) c.destroy();
    await pbx?.stop();
    await db.drop();
    rmSync(root, { recursive: true, force: true });
  }
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !SCENARIOS.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
for (const scenario of SCENARIOS) {
  if (wanted.length === 0 || wanted.includes(scenario.name)) await record(scenario);
}
