import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { stopServices, type ServiceProcess } from './run.js';
import { createRedisPrefix, createTestDatabase } from '@yixian/db/testing';
import { processEnv } from '../drills/lib/drill-services.js';
import { DEFAULT_SIMULATOR_PORT, readProcessCount, readSimulatorPort, startApiCopies, startSimulator } from './stack.js';
import { findFreePort } from './run.js';

/** Resolves with the first line a TCP server sends (the AMI greeting). */
function greetingOf(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (!text.includes('\r\n')) return;
      socket.destroy();
      resolve(text.slice(0, text.indexOf('\r\n')));
    });
    socket.once('error', reject);
  });
}

describe('SIMULATOR_PORT', () => {
  it('defaults to 15038 and accepts 0 (any free port) up to 65535', () => {
    expect(readSimulatorPort({})).toBe(DEFAULT_SIMULATOR_PORT);
    expect(readSimulatorPort({ SIMULATOR_PORT: '' })).toBe(15038);
    expect(readSimulatorPort({ SIMULATOR_PORT: '0' })).toBe(0);
    expect(readSimulatorPort({ SIMULATOR_PORT: ' 25038 ' })).toBe(25038);
  });

  it('rejects what is not a port, naming the variable', () => {
    for (const bad of ['abc', '-1', '65536', '15038x', '1.5']) {
      expect(() => readSimulatorPort({ SIMULATOR_PORT: bad }), bad).toThrow(/^SIMULATOR_PORT must be a TCP port from 0 to 65535/);
    }
  });
});

describe('API_PROCESSES and WORKER_PROCESSES', () => {
  it('default to one copy and accept 1 to 64', () => {
    expect(readProcessCount({}, 'API_PROCESSES')).toBe(1);
    expect(readProcessCount({ WORKER_PROCESSES: ' ' }, 'WORKER_PROCESSES')).toBe(1);
    expect(readProcessCount({ API_PROCESSES: '4' }, 'API_PROCESSES')).toBe(4);
    expect(readProcessCount({ WORKER_PROCESSES: '64' }, 'WORKER_PROCESSES')).toBe(64);
  });

  it('reject what is not a whole number from 1 to 64, naming the variable', () => {
    for (const bad of ['0', '65', '-1', '2.5', 'two', '1e1', '3x']) {
      expect(() => readProcessCount({ API_PROCESSES: bad }, 'API_PROCESSES'), bad).toThrow(/^API_PROCESSES must be a whole number from 1 to 64/);
      expect(() => readProcessCount({ WORKER_PROCESSES: bad }, 'WORKER_PROCESSES'), bad).toThrow(/^WORKER_PROCESSES must be a whole number from 1 to 64/);
    }
  });
});

describe('startApiCopies', () => {
  it('two API processes answer on PORT through the proxy, each with its own log name, and carry on without one', { timeout: 300_000 }, async () => {
    const db = await createTestDatabase();
    const redis = createRedisPrefix();
    const port = await findFreePort();
    const env = processEnv(db.url, redis.url, `${redis.prefix}:`, { PORT: String(port), HOST: '127.0.0.1' });
    const { copies, proxy } = await startApiCopies(2, env, {});
    try {
      expect(copies.map((copy) => copy.name)).toEqual(['api-1', 'api-2']);
      expect(proxy?.port).toBe(port);
      const answers = async () => ![502, 503, undefined].includes((await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.status);
      const deadline = Date.now() + 240_000;
      // Both copies listening: two requests in a row (one to each) answered by a copy.
      while (!((await answers()) && (await answers()) && proxy!.live().length === 2)) {
        if (Date.now() > deadline) throw new Error('the API copies did not answer through the proxy');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      copies[0]!.child.kill('SIGKILL');
      await copies[0]!.exited;
      // At most the first request meets the dead copy; then the survivor answers every one.
      await answers();
      for (let i = 0; i < 3; i++) expect(await answers()).toBe(true);
      expect(proxy!.live()).toHaveLength(1);
      // Started again by a supervisor (npm start), on the same port: the proxy takes it back.
      copies[0] = copies[0]!.restart!();
      while (proxy!.live().length < 2) {
        if (Date.now() > deadline) throw new Error('the restarted copy was not taken back');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await proxy?.close();
      await stopServices(copies, 10_000);
      await redis.cleanup();
      await db.drop();
    }
  });
});

describe('startSimulator', () => {
  const started: ServiceProcess[] = [];
  let blocker: Server | undefined;
  afterEach(async () => {
    await stopServices(started.splice(0), 5_000);
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  it('port 0: two simulators on one machine get different free ports, handed over in the AMI URL', async () => {
    const [one, two] = await Promise.all([startSimulator(0, 0, process.env), startSimulator(0, 0, process.env)]);
    started.push(one.service, two.service);
    expect(one.port).toBeGreaterThan(0);
    expect(two.port).not.toBe(one.port);
    expect(one.amiUrl).toBe(`ami://yixian:yixian-simulator@127.0.0.1:${one.port}`);
    expect(await greetingOf(one.port)).toBe('Asterisk Call Manager/11.0.0');
    expect(await greetingOf(two.port)).toBe('Asterisk Call Manager/11.0.0');
  });

  it('a taken port fails with an error that names SIMULATOR_PORT', async () => {
    blocker = createServer();
    const port = await new Promise<number>((resolve) => blocker!.listen(0, '127.0.0.1', () => resolve((blocker!.address() as { port: number }).port)));
    await expect(startSimulator(port, 0, process.env)).rejects.toThrow(/exited .* before listening on port \d+: is it taken\? Set SIMULATOR_PORT/);
  });
});
