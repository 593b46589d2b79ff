import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { stopServices, type ServiceProcess } from './run.js';
import { DEFAULT_SIMULATOR_PORT, readProcessCount, readSimulatorPort, startSimulator } from './stack.js';

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
