/**
 * The Asterisk configuration Yixian ships, read as files: 110 and every number of AstDB family
 * yixian-hotline reach queue `hotline` with HOTLINE set (others are rejected), 110 first, AMI locked to loopback with the bridge's channel
 * variable and event filters, and no secret committed. Also runs the two scripts end to end.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extensionApps, extensionsOf, linesOf, readAsteriskConf, valueOf } from './scripts/read-asterisk-conf';

const here = dirname(fileURLToPath(import.meta.url));
const confDir = join(here, 'asterisk');
const read = (file: string, dir = confDir) => readAsteriskConf(readFileSync(join(dir, file), 'utf8'));
const extensions = read('extensions.conf');
const manager = read('manager.conf');
const queues = read('queues.conf');

const queuePrio = (did: string) => {
  const set = extensionApps(extensions, 'hotline-inbound', did).find((app) => app.startsWith('Set(QUEUE_PRIO='));
  return set ? Number(/QUEUE_PRIO=(\d+)/.exec(set)?.[1]) : 0;
};

const temps: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'yixian-tel-')); temps.push(d); return d; };
afterAll(() => { for (const d of temps) rmSync(d, { recursive: true, force: true }); });

const run = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync('bash', [join(here, 'scripts', script), ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });

const RENDER_ENV = {
  AMI_SECRET: 'ami-Secret-7f3a9c2e5b', AMI_CONFIG_SECRET: 'amiconf-Secret-4e2d8a1f', AGENT_SECRET: 'agent-Secret-1d8e4b6a0c', TRUNK_HOST: 'sip.carrier.example:5060',
  TRUNK_USERNAME: '053112345', TRUNK_PASSWORD: 'tr&unk/pa\\ss-91', POLICE_DESK_HOST: '10.20.30.40', VOICEMAIL_PIN: '4821',
  ACCOUNTING_DB_HOST: '127.0.0.1', ACCOUNTING_DB_NAME: 'asterisk', ACCOUNTING_DB_USER: 'asterisk', ACCOUNTING_DB_PASSWORD: 'acc-Pass-2b9f',
  AGENT_EXTENSIONS: '8001-8004,6001', SHIFT_LEAD_EXTENSIONS: '8090',
};

describe('extensions.conf: hotline numbers', () => {
  it('fixes 110 in the dialplan and reads every other number from AstDB, one pattern only', () => {
    expect([...extensionsOf(extensions, 'hotline-inbound')].sort()).toEqual(['110', '_X.']);
    const police = extensionApps(extensions, 'hotline-inbound', '110');
    expect(police[0]).toBe('Set(__HOTLINE=110)');
    expect(police).toContain('Gosub(yixian-hotline,s,1(24h))');
    const lookup = extensionApps(extensions, 'hotline-inbound', '_X.');
    expect(lookup[0]).toBe('Set(YIXIAN_POLICY=${DB(yixian-hotline/${EXTEN})})');
    expect(lookup).toContain('Set(__HOTLINE=${EXTEN})');
    expect(lookup).toContain('Gosub(yixian-hotline,s,1(${CUT(YIXIAN_POLICY,|,1)}))');
    // a number without a key is rejected, as an unallocated number
    expect(lookup).toContain('Hangup(1)');
    expect(extensionApps(extensions, 'yixian-hotline', 's').some((app) => /^Queue\(hotline,/.test(app))).toBe(true);
  });

  it('gives 110 a higher QUEUE_PRIO than any number from AstDB can have, and follows the closed policy', () => {
    expect(queuePrio('110')).toBe(10);
    expect(extensionApps(extensions, 'hotline-inbound', '_X.')).toContain('ExecIf($[${QUEUE_PRIO} > 9]?Set(QUEUE_PRIO=9))');
    const hotline = extensionApps(extensions, 'yixian-hotline', 's');
    expect(hotline.some((app) => app.includes('forward:'))).toBe(true);
    expect(extensionApps(extensions, 'yixian-overflow', 's').some((app) => app.includes('"${YIXIAN_WHEN_CLOSED}" = "message"'))).toBe(true);
    expect(extensionApps(extensions, 'yixian-office-hours', 's').some((app) => app.startsWith('GotoIfTime('))).toBe(true);
    // the lookup's functions: DB (func_db), CUT (func_cut); modules.conf has autoload = no
    const modules = readFileSync(join(confDir, 'modules.conf'), 'utf8');
    for (const module of ['func_db.so', 'func_cut.so', 'func_logic.so']) expect(modules).toMatch(new RegExp(`^load = ${module.replace('.', '\\.')}`, 'm'));
  });

  it('records on answer (membergosub → MixMonitor named after the Linkedid) and has transfer, linkage and agent contexts', () => {
    const gosub = valueOf(queues, 'hotline', 'membergosub');
    expect(gosub).toBe('yixian-agent-connect');
    const connect = extensionApps(extensions, gosub!, 's').join('\n');
    expect(connect).toMatch(/MixMonitor\(/);
    expect(connect).toMatch(/CHANNEL\(linkedid\)/);
    expect(extensionApps(extensions, 'yixian-transfer', '110').some((app) => app.startsWith('Dial(${POLICE_DESK}'))).toBe(true);
    expect(extensionApps(extensions, 'yixian-linkage', '_[0-9A-Za-z].')[0]).toMatch(/^ConfBridge\(/);
    expect(linesOf(extensions, 'agents').some((l) => l.key === 'include' && l.value === 'yixian-transfer')).toBe(true);
    expect(linesOf(extensions, 'from-carrier').some((l) => l.key === 'include')).toBe(false);
  });
});

describe('manager.conf', () => {
  it('binds to 127.0.0.1, sends HOTLINE and timestamps, has the two bridge logins on loopback', () => {
    expect(valueOf(manager, 'general', 'bindaddr')).toBe('127.0.0.1');
    expect(valueOf(manager, 'general', 'channelvars')).toBe('HOTLINE');
    expect(valueOf(manager, 'general', 'timestampevents')).toBe('yes');
    expect(manager.map((s) => s.name).filter((n) => n !== '' && n !== 'general')).toEqual(['yixian', 'yixian-config']);
    expect(valueOf(manager, 'yixian', 'permit')).toBe('127.0.0.1/255.255.255.255');
    expect(valueOf(manager, 'yixian-config', 'permit')).toBe('127.0.0.1/255.255.255.255');
  });

  it('grants only the classes the bridge needs', () => {
    const classes = (key: string) => (valueOf(manager, 'yixian', key) ?? '').split(',').map((c) => c.trim());
    expect(classes('read')).toEqual(expect.arrayContaining(['call', 'agent', 'system']));
    expect(classes('write')).toEqual(expect.arrayContaining(['call', 'agent', 'originate', 'reporting']));
    for (const bad of ['all', 'dialplan']) expect(classes('read')).not.toContain(bad);
    for (const bad of ['all', 'system', 'command', 'config']) expect(classes('write')).not.toContain(bad);
    // the AstDB login (hotlines, calendar): system only, no events, so it can never originate System()
    expect(valueOf(manager, 'yixian-config', 'write')).toBe('system');
    expect(valueOf(manager, 'yixian-config', 'read') ?? '').toBe('');
  });

  it('filters VarSet and Newexten', () => {
    const filters = linesOf(manager, 'yixian').filter((l) => l.key.startsWith('eventfilter')).map((l) => l.key);
    for (const event of ['VarSet', 'Newexten', 'RTCPSent', 'DeviceStateChange']) {
      expect(filters).toContain(`eventfilter(action(exclude),name(${event}))`);
    }
  });

  it('commits no secret literal: every secret and password is a ${PLACEHOLDER}', () => {
    expect(valueOf(manager, 'yixian', 'secret')).toBe('${AMI_SECRET}');
    const files = readdirSync(confDir).filter((f) => f.endsWith('.conf') || f.endsWith('.conf.in'));
    for (const file of files) {
      for (const section of read(file)) {
        for (const { key, value, line } of section.lines) {
          if (/^(secret|password|md5_cred)$/i.test(key)) expect(value, `${file}:${line}`).toMatch(/^\$\{[A-Z_]+\}$/);
        }
      }
    }
    expect(linesOf(read('voicemail.conf'), 'yixian').map((l) => l.value.split(',')[0])).toEqual(['${VOICEMAIL_PIN}']);
  });
});

describe('queues.conf', () => {
  it('configures queue hotline as the bridge and the figures expect', () => {
    const q = (key: string) => valueOf(queues, 'hotline', key);
    expect(q('strategy')).toBe('rrmemory');
    expect(q('servicelevel')).toBe('15');
    expect(q('ringinuse')).toBe('no');
    expect([q('timeout'), q('retry'), q('wrapuptime')]).toEqual(['15', '2', '5']);
    expect([q('announce-position'), q('setinterfacevar'), q('setqueueentryvar')]).toEqual(['no', 'yes', 'yes']);
    expect(linesOf(queues, 'hotline').filter((l) => l.key === 'member')).toEqual([]);
  });
});

describe('scripts', () => {
  it('check-config.sh passes on the templates and fails, naming the problem, on a broken copy', () => {
    expect(run('check-config.sh', []).status).toBe(0);

    const broken = tempDir();
    cpSync(confDir, broken, { recursive: true });
    const ext = join(broken, 'extensions.conf');
    writeFileSync(ext, readFileSync(ext, 'utf8').replace('exten => 110,1,Set(__HOTLINE=110)', 'exten => 110,1,NoOp()').replace(' same => n(unallocated),Hangup(1)', ' same => n(unallocated),Goto(hotline-inbound,12345,1)'));
    const man = join(broken, 'manager.conf');
    writeFileSync(man, readFileSync(man, 'utf8').replace('bindaddr = 127.0.0.1', 'bindaddr = 0.0.0.0').replace('secret = ${AMI_SECRET}', 'secret = hunter2hunter2'));
    const result = run('check-config.sh', [broken]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DID 110 does not Set(__HOTLINE=110)');
    expect(result.stderr).toContain('_X. does not reject a number without a key');
    expect(result.stderr).toContain('bindaddr must be 127.0.0.1');
    expect(result.stderr).toContain('manager.conf: a secret is written literally');
    expect(result.stderr).not.toContain('hunter2');
  });

  it('render-config.sh refuses a missing variable without printing any secret', () => {
    const out = tempDir();
    const { AMI_SECRET: _omit, ...partial } = RENDER_ENV;
    const result = run('render-config.sh', [out], partial);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('AMI_SECRET is not set');
    const short = run('render-config.sh', [out], { ...RENDER_ENV, AGENT_SECRET: 'short;secret' });
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/AGENT_SECRET must/);
    for (const r of [result, short]) expect(r.stdout + r.stderr).not.toContain(RENDER_ENV.TRUNK_PASSWORD);
    expect(readdirSync(out)).toEqual([]);
  });

  it('render-config.sh fills every placeholder, one password per phone, and its output passes check-config --rendered', () => {
    const out = tempDir();
    const result = run('render-config.sh', [out], RENDER_ENV);
    expect(result.status, result.stderr).toBe(0);
    for (const secret of [RENDER_ENV.AMI_SECRET, RENDER_ENV.AMI_CONFIG_SECRET, RENDER_ENV.AGENT_SECRET, RENDER_ENV.TRUNK_PASSWORD]) {
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    expect(valueOf(read('manager.conf', out), 'yixian', 'secret')).toBe(RENDER_ENV.AMI_SECRET);
    expect(valueOf(read('manager.conf', out), 'yixian-config', 'secret')).toBe(RENDER_ENV.AMI_CONFIG_SECRET);
    expect(valueOf(read('pjsip.conf', out), 'carrier-auth', 'password')).toBe(RENDER_ENV.TRUNK_PASSWORD);
    expect(valueOf(read('pjsip.conf', out), 'carrier', 'match')).toBe('sip.carrier.example');
    const phones = read('pjsip_phones.conf', out);
    const passwords = ['8001', '8002', '8003', '8004', '6001', '8090'].map((ext) => valueOf(phones, ext, 'password'));
    expect(new Set(passwords).size).toBe(6);
    for (const p of passwords) expect(p).toMatch(/^[0-9a-f]{24}$/);
    expect(phones.find((s) => s.name === '8090' && s.templates.length > 0 && s.templates[0]!.endsWith('endpoint'))?.templates).toEqual(['shift-lead-endpoint']);
    // dialplan variables are not placeholders: they must survive rendering untouched
    expect(readFileSync(join(out, 'extensions.conf'), 'utf8')).toContain('Set(__HOTLINE=${EXTEN})');
    expect(readFileSync(join(out, 'extensions.conf'), 'utf8')).toContain('${CHANNEL(linkedid)}');
    const check = run('check-config.sh', ['--rendered', out]);
    expect(check.status, check.stderr).toBe(0);
  });
});
