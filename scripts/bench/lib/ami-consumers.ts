/**
 * The three consumers of the simulator's flood stream the ingest benchmark compares: a plain
 * `AmiFramer` count, a bare `asterisk-manager` client count, and the real bridge.
 */
import { connect } from 'node:net';
import Manager from 'asterisk-manager';
import { AmiFramer } from '@yixian/ami';

export interface StreamCount {
  events: number;
  seconds: number;
  eventsPerS: number;
}

const LOGIN = 'Action: Login\r\nActionID: bench-login\r\nUsername: admin\r\nSecret: secret\r\n\r\n';

/** Counts events through the project's framer on a raw socket for `seconds`. */
export function countWithFramer(port: number, seconds: number): Promise<StreamCount> {
  return new Promise((resolve, reject) => {
    const framer = new AmiFramer();
    let events = 0;
    const start = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(LOGIN));
    socket.on('data', (chunk) => {
      for (const message of framer.push(chunk)) if (message.event) events++;
    });
    socket.on('error', reject);
    setTimeout(() => {
      const elapsed = (performance.now() - start) / 1000;
      socket.destroy();
      resolve({ events, seconds: elapsed, eventsPerS: Math.round(events / elapsed) });
    }, seconds * 1000);
  });
}

/** Counts `managerevent`s of a bare asterisk-manager 0.2.0 client (its own parser) for `seconds`. */
export function countWithManager(port: number, seconds: number): Promise<StreamCount> {
  return new Promise((resolve) => {
    let events = 0;
    const start = performance.now();
    const manager = new Manager(port, '127.0.0.1', 'admin', 'secret', true);
    manager.on('managerevent', () => {
      events++;
    });
    setTimeout(() => {
      const elapsed = (performance.now() - start) / 1000;
      manager.removeAllListeners('managerevent');
      manager.disconnect();
      resolve({ events, seconds: elapsed, eventsPerS: Math.round(events / elapsed) });
    }, seconds * 1000);
  });
}
