/**
 * A real Asterisk for the tests: built once by build-asterisk.sh (cached outside the checkout),
 * configured from the project's own telephony/asterisk/ files rendered with test secrets, plus a
 * test-only include (Local-channel agents and department desks, a full-rights AMI user for the
 * test's callers), started in the foreground on private ports and folders so that two PBXs on one
 * machine never collide. Its CDR and queue_log go into a private PostgreSQL database, as in
 * production (telephony/README.md, "Accounting").
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testDialplan, testManagerUser } from './test-include.js';

const HERE = new URL('.', import.meta.url).pathname;
const TELEPHONY = join(HERE, '..');

export interface AccountingDb {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface TestPbxOptions {
  /** Private folder for this PBX's configuration, logs, spool, AstDB and recordings. */
  root: string;
  /** Where CDR and queue_log are written (created by the caller, see accounting-db.ts). */
  accounting: AccountingDb;
  /** AMI port; a free one when omitted. */
  amiPort?: number;
  /** Agent extensions that exist as Local channels in [yixian-test-agents]. */
  agentExtensions?: string;
}

export interface TestPbx {
  prefix: string;
  root: string;
  amiPort: number;
  /** The bridge's least-privilege user, as shipped. */
  bridgeAmiUrl: string;
  /** The bridge's AstDB login (manager.conf `[yixian-config]`, write class system only). */
  bridgeConfigAmiUrl: string;
  /** A full-rights user for the test itself (placing calls, AstDB). */
  testAmiUrl: string;
  recordingsDir: string;
  /** Runs a CLI command on this PBX and returns its output. */
  cli(command: string): string;
  /** The PBX's own log (warnings and errors) so far. */
  messages(): string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds (or reuses) Asterisk and returns its install prefix. */
export function buildAsterisk(): string {
  const result = spawnSync('bash', [join(HERE, 'build-asterisk.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) throw new Error(`building Asterisk failed (exit ${result.status}); see the lines above`);
  const prefix = result.stdout.trim().split('\n').pop()!;
  if (!existsSync(join(prefix, 'sbin/asterisk'))) throw new Error(`build-asterisk.sh printed ${prefix}, which holds no sbin/asterisk`);
  return prefix;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function render(root: string, prefix: string, amiPort: number, secrets: { ami: string; amiConfig: string; test: string }, options: TestPbxOptions): void {
  const etc = join(root, 'etc');
  rmSync(root, { recursive: true, force: true });
  for (const dir of ['etc', 'lib/keys', 'spool', 'run', 'log/cdr-csv', 'monitor', 'cache']) mkdirSync(join(root, dir), { recursive: true });
  // Asterisk's own samples for everything the project does not configure (indications, MOH …).
  cpSync(join(prefix, 'etc/asterisk'), etc, { recursive: true });
  const db = options.accounting;
  const env = {
    ...process.env,
    AMI_SECRET: secrets.ami, AMI_CONFIG_SECRET: secrets.amiConfig, AGENT_SECRET: randomBytes(12).toString('hex'),
    TRUNK_HOST: '127.0.0.1:5999', TRUNK_USERNAME: '073188888888', TRUNK_PASSWORD: randomBytes(8).toString('hex'),
    POLICE_DESK_HOST: '127.0.0.1', VOICEMAIL_PIN: '4821', AGENT_EXTENSIONS: '8001-8009',
    ACCOUNTING_DB_HOST: db.host, ACCOUNTING_DB_PORT: String(db.port), ACCOUNTING_DB_NAME: db.database,
    ACCOUNTING_DB_USER: db.user, ACCOUNTING_DB_PASSWORD: db.password,
  };
  const rendered = spawnSync('bash', [join(TELEPHONY, 'scripts/render-config.sh'), etc], { env, encoding: 'utf8' });
  if (rendered.status !== 0) throw new Error(`render-config.sh failed: ${rendered.stderr}`);

  writeFileSync(join(etc, 'asterisk.conf'), [
    '[directories]',
    `astcachedir => ${root}/cache`, `astetcdir => ${etc}`, `astmoddir => ${prefix}/lib/asterisk/modules`,
    `astvarlibdir => ${root}/lib`, `astdbdir => ${root}/lib`, `astkeydir => ${root}/lib`,
    `astdatadir => ${prefix}/var/lib/asterisk`, `astagidir => ${prefix}/var/lib/asterisk/agi-bin`,
    `astspooldir => ${root}/spool`, `astrundir => ${root}/run`, `astlogdir => ${root}/log`, `astsbindir => ${prefix}/sbin`,
    '[options]', 'verbose = 0', 'debug = 0', 'nocolor = yes', 'transmit_silence = yes', `systemname = yxtest`, 'runuser = root', 'rungroup = root',
    '',
  ].join('\n'));
  // Only what the shipped files leave to the host: the test's logs and no HTTP server.
  writeFileSync(join(etc, 'logger.conf'), readFileSync(join(etc, 'logger.conf'), 'utf8').replace(/\[logfiles\][\s\S]*$/, '[logfiles]\nmessages.log => notice,warning,error\n'));
  writeFileSync(join(etc, 'http.conf'), '[general]\nenabled = no\n');
  rmSync(join(etc, 'users.conf'), { force: true });
  // This build has no SIP stack (no pjproject on Debian 12): agents and callers are Local channels.
  const modules = join(etc, 'modules.conf');
  // The agents' keypad in the tests (AMI PlayDTMF on the agent's Local leg): test-only.
  writeFileSync(modules, readFileSync(modules, 'utf8').replace(/^load = (res_pjsip|res_pjproject|chan_pjsip|res_rtp_asterisk|res_http_websocket|res_sorcery)/gm, ';test: no SIP; load = $1') + 'load = app_senddtmf.so ; test-only\n');

  const manager = join(etc, 'manager.conf');
  writeFileSync(manager, readFileSync(manager, 'utf8').replace(/^port = \d+$/m, `port = ${amiPort}`) + testManagerUser(secrets.test));
  const extensions = join(etc, 'extensions.conf');
  const dialplan = readFileSync(extensions, 'utf8')
    .replace(/^RECORDING_DIR=.*$/m, `RECORDING_DIR=${root}/monitor`)
    .replace(/^POLICE_DESK=.*$/m, 'POLICE_DESK=Local/110@yixian-test-desks/n');
  writeFileSync(extensions, dialplan + testDialplan());
}

/** Starts a private Asterisk and resolves once it is fully booted and its AMI answers. */
export async function startTestPbx(options: TestPbxOptions): Promise<TestPbx> {
  const prefix = buildAsterisk();
  const root = options.root;
  const amiPort = options.amiPort ?? (await freePort());
  const secrets = { ami: randomBytes(12).toString('hex'), amiConfig: randomBytes(12).toString('hex'), test: randomBytes(12).toString('hex') };
  render(root, prefix, amiPort, secrets, options);
  const binary = join(prefix, 'sbin/asterisk');
  const config = join(root, 'etc/asterisk.conf');
  let child: ChildProcess | undefined;
  let output = '';

  const cli = (command: string): string => {
    const result = spawnSync(binary, ['-C', config, '-rx', command], { encoding: 'utf8', timeout: 15_000 });
    return `${result.stdout ?? ''}${result.stderr ?? ''}`;
  };

  const boot = async (): Promise<void> => {
    output = '';
    child = spawn(binary, ['-f', '-n', '-C', config], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout!.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
    child.stderr!.on('data', (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`Asterisk exited (${child.exitCode}) while starting:\n${output.slice(-3000)}`);
      if (cli('core waitfullybooted').includes('fully booted')) break;
      if (Date.now() > deadline) throw new Error(`Asterisk did not boot within 60 s:\n${output.slice(-3000)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const halt = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    cli('core stop now');
    const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  await boot();
  return {
    prefix,
    root,
    amiPort,
    bridgeAmiUrl: `ami://yixian:${secrets.ami}@127.0.0.1:${amiPort}`,
    bridgeConfigAmiUrl: `ami://yixian-config:${secrets.amiConfig}@127.0.0.1:${amiPort}`,
    testAmiUrl: `ami://yxtest:${secrets.test}@127.0.0.1:${amiPort}`,
    recordingsDir: join(root, 'monitor'),
    cli,
    messages: () => (existsSync(join(root, 'log/messages.log')) ? readFileSync(join(root, 'log/messages.log'), 'utf8') : ''),
    async restart() {
      await halt();
      await boot();
    },
    stop: halt,
  };
}

/** Removes the private folders of PBXs that are no longer running (a crashed earlier run). */
export function sweepTestPbxRoots(parent: string): void {
  if (!existsSync(parent)) return;
  for (const name of readdirSync(parent)) {
    const pidFile = join(parent, name, 'run/asterisk.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : 0;
    let alive = false;
    try { if (pid > 0) { process.kill(pid, 0); alive = true; } } catch { alive = false; }
    if (!alive) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
