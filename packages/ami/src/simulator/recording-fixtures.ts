import { fileURLToPath } from 'node:url';
/**
 * Test support (not exported by the package): reads the Asterisk recordings and talks AMI to
 * the simulator over real TCP, so the simulator's output can be compared with the real PBX's.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

export type Message = Array<[string, string]>;

export const RECORDINGS_DIR = process.env.AMI_RECORDINGS_DIR ?? fileURLToPath(new URL('../../test/recordings', import.meta.url));

/** Splits a transcript into messages (ordered key/value pairs); the greeting line is dropped. */
export function parseTranscript(text: string): Message[] {
  return text
    .replace(/^Asterisk Call Manager\/[^\r\n]*\r\n/, '')
    .split('\r\n\r\n')
    .filter((block) => block.trim() !== '')
    .map((block) => block.split('\r\n').filter((l) => l !== '').map((line): [string, string] => {
      const colon = line.indexOf(':');
      return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
    }));
}

export function readRecording(name: string): { received: Message[]; sent: string[] } {
  const received = parseTranscript(readFileSync(`${RECORDINGS_DIR}/${name}.txt`, 'utf8'));
  const sentText = readFileSync(`${RECORDINGS_DIR}/${name}.sent.txt`, 'utf8');
  const sent = sentText.split('\r\n\r\n').filter((b) => b.trim() !== '').map((b) => `${b}\r\n\r\n`);
  return { received, sent };
}

export const field = (m: Message, key: string): string | undefined => m.find(([k]) => k === key)?.[1];
export const eventName = (m: Message): string => field(m, 'Event') ?? `Response:${field(m, 'Response') ?? '?'}`;
export const keysOf = (m: Message): string => m.map(([k]) => k.replace(/^ChanVariable\(.*\)$/, 'ChanVariable(<channel>)')).join(',');

/** A raw AMI client over TCP that records every message and can wait for one (with a timeout). */
export class TestAmiClient {
  readonly messages: Message[] = [];
  greeting = '';
  private buffer = '';
  private readonly decoder = new StringDecoder('utf8');
  private waiters: Array<{ test: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  private closedFlag = false;
  private readonly socket: Socket;
  readonly ready: Promise<void>;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.on('data', (chunk: Buffer) => {
        this.buffer += this.decoder.write(chunk);
        if (!this.greeting) {
          const end = this.buffer.indexOf('\r\n');
          if (end < 0) return;
          this.greeting = this.buffer.slice(0, end);
          this.buffer = this.buffer.slice(end + 2);
          resolve();
        }
        this.drain();
      });
    });
    this.socket.on('close', () => {
      this.closedFlag = true;
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  private drain(): void {
    for (let end = this.buffer.indexOf('\r\n\r\n'); end >= 0; end = this.buffer.indexOf('\r\n\r\n')) {
      const block = this.buffer.slice(0, end + 4);
      this.buffer = this.buffer.slice(end + 4);
      const [message] = parseTranscript(block);
      if (!message) continue;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(message)) return true;
        w.resolve(message);
        return false;
      });
    }
  }

  /** Resolves with the first message (already received or future) matching `test`. */
  waitFor(test: (m: Message) => boolean, what: string, timeoutMs = 2000, from = 0): Promise<Message> {
    const seen = this.messages.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => { clearTimeout(timer); resolve(m); } });
    });
  }

  /** Sends a raw action and waits for its Response (and, for lists, the `…Complete` event). */
  async send(raw: string): Promise<Message> {
    const actionId = /ActionID: ([^\r\n]*)/.exec(raw)?.[1];
    const from = this.messages.length;
    this.socket.write(raw);
    const response = await this.waitFor((m) => field(m, 'Response') !== undefined && field(m, 'ActionID') === actionId && field(m, 'Event') === undefined, `response to ${actionId}`, 2000, from);
    if (field(response, 'EventList') === 'start') {
      await this.waitFor((m) => field(m, 'EventList') === 'Complete' && field(m, 'ActionID') === actionId, `list end of ${actionId}`, 2000, from);
    }
    return response;
  }

  waitClosed(timeoutMs = 2000): Promise<void> {
    if (this.closedFlag) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for close')), timeoutMs);
      this.socket.once('close', () => { clearTimeout(timer); resolve(); });
    });
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** Lets pending socket I/O run (events written by a tick reach the client) without a timed sleep. */
export async function flushSockets(client: TestAmiClient): Promise<void> {
  await client.send(`Action: Ping\r\nActionID: flush-${client.messages.length}\r\n\r\n`);
}
