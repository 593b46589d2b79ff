import { createServer, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { AmiFramer, frameAll, serializeMessage, type AmiMessage } from '../src/index';
import { readRecording } from './recordings';

export type ActionHandler = (action: AmiMessage, reply: (fields: Record<string, string>) => void, socket: Socket) => void;

/**
 * A tiny AMI server for client tests: greeting, Login (user admin / secret), Ping, and
 * whatever `onAction` answers. Not the product's simulator: just enough wire to test on.
 */
export class FakeAmiServer {
  readonly sockets = new Set<Socket>();
  readonly received: AmiMessage[] = [];
  server: Server | null = null;
  port = 0;
  answerPing = true;
  /** Events written to each client right after its login succeeds. */
  afterLogin: Record<string, string | string[]>[] = [];
  onAction: ActionHandler = (action, reply) => reply({ Response: 'Error', Message: `Invalid/unknown command: ${action.fields.Action}` });

  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.#onSocket(socket));
    this.server = server;
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
    return this.port;
  }

  /** Kill every connection at once and stop listening (a crashed PBX). */
  async kill(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  write(fields: Record<string, string | string[]>): void {
    for (const socket of this.sockets) socket.write(serializeMessage(fields));
  }

  #onSocket(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    socket.write('Asterisk Call Manager/11.0.0\r\n');
    const framer = new AmiFramer();
    socket.on('data', (chunk) => {
      for (const message of framer.push(chunk)) this.#onMessage(message, socket);
    });
  }

  #onMessage(message: AmiMessage, socket: Socket): void {
    this.received.push(message);
    const name = String(message.fields.Action ?? '').toLowerCase();
    const reply = (fields: Record<string, string>) => {
      socket.write(serializeMessage({ Response: fields.Response ?? 'Success', ActionID: message.actionId ?? '', ...fields }));
    };
    if (name === 'login') {
      if (message.fields.Username === 'admin' && message.fields.Secret === 'secret') {
        reply({ Response: 'Success', Message: 'Authentication accepted' });
        for (const event of this.afterLogin) socket.write(serializeMessage(event));
      } else reply({ Response: 'Error', Message: 'Authentication failed' });
      return;
    }
    if (name === 'ping') {
      if (this.answerPing) reply({ Response: 'Success', Ping: 'Pong', Timestamp: '1795965236.000000' });
      return;
    }
    this.onAction(message, reply, socket);
  }
}

/** The events of a recording (responses to the recording's own actions left out). */
export function recordedEvents(name: string): Record<string, string | string[]>[] {
  return frameAll(readRecording(name)).messages.filter((m) => m.event !== undefined).map((m) => m.fields);
}

/** Wait for `predicate` to hold on an emitter's event, or fail after `ms`. */
export function waitFor<T>(subscribe: (listener: (value: T) => void) => () => void, predicate: (value: T) => boolean, ms = 5000, what = 'event'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { unsubscribe(); reject(new Error(`timed out after ${ms} ms waiting for ${what}`)); }, ms);
    const unsubscribe = subscribe((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
  });
}
