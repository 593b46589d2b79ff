/**
 * A raw AMI connection for recording transcripts: it keeps every byte received and every byte
 * sent, exactly, and parses the received stream only to wait on messages. No library sits in
 * between, so a transcript holds what a client of this user really gets from the PBX.
 */
import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

/** One AMI message as ordered key/value pairs (repeated keys kept). */
export type AmiMessage = Array<[string, string]>;

export const fieldOf = (m: AmiMessage, key: string): string | undefined => m.find(([k]) => k === key)?.[1];
export const isEvent = (m: AmiMessage, name: string): boolean => fieldOf(m, 'Event') === name;

export interface AmiCredentials {
  host: string;
  port: number;
  username: string;
  secret: string;
}

/** Reads `ami://user:secret@host:port`. */
export function parseAmiUrl(url: string): AmiCredentials {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || 5038), username: decodeURIComponent(u.username), secret: decodeURIComponent(u.password) };
}

/** Builds the bytes of one action: `Action:` first, the fields in order, `ActionID:` last. */
export function formatAction(name: string, fields: Array<[string, string]>, actionId: string): string {
  return [`Action: ${name}`, ...fields.map(([k, v]) => `${k}: ${v}`), `ActionID: ${actionId}`, '', ''].join('\r\n');
}

export interface ActionResult {
  response: AmiMessage;
  /** List items (events carrying the ActionID) up to the `…Complete` event, which is not included. */
  items: AmiMessage[];
}

export class RawAmiConnection {
  readonly received: Buffer[] = [];
  readonly sent: string[] = [];
  readonly messages: AmiMessage[] = [];
  greeting = '';
  private text = '';
  private readonly decoder = new StringDecoder('utf8');
  private readonly socket: Socket;
  private readonly wakers = new Set<() => void>();
  private closedFlag = false;
  private lastMessageAt = Date.now();
  private actionCounter = 0;

  private constructor(readonly credentials: AmiCredentials, readonly idPrefix: string) {
    this.socket = connect(credentials.port, credentials.host);
    this.socket.on('data', (chunk: Buffer) => {
      this.received.push(Buffer.from(chunk));
      this.text += this.decoder.write(chunk);
      if (!this.greeting) {
        const end = this.text.indexOf('\r\n');
        if (end < 0) return;
        this.greeting = this.text.slice(0, end);
        this.text = this.text.slice(end + 2);
      }
      for (let end = this.text.indexOf('\r\n\r\n'); end >= 0; end = this.text.indexOf('\r\n\r\n')) {
        const block = this.text.slice(0, end);
        this.text = this.text.slice(end + 4);
        this.messages.push(block.split('\r\n').map((line): [string, string] => {
          const colon = line.indexOf(':');
          return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')];
        }));
        this.lastMessageAt = Date.now();
      }
      this.wake();
    });
    this.socket.on('close', () => {
      this.closedFlag = true;
      this.wake();
    });
    this.socket.on('error', () => undefined);
  }

  /** Connects, waits for the greeting and logs in (Events: on). */
  static async open(url: string, idPrefix: string, timeoutMs = 10_000): Promise<RawAmiConnection> {
    const c = new RawAmiConnection(parseAmiUrl(url), idPrefix);
    await c.until(() => c.greeting !== '' || undefined, 'the AMI greeting', timeoutMs);
    const { response } = await c.action('Login', [['Username', c.credentials.username], ['Secret', c.credentials.secret], ['Events', 'on']]);
    if (fieldOf(response, 'Response') !== 'Success') throw new Error(`AMI login as ${c.credentials.username} failed: ${fieldOf(response, 'Message')}`);
    return c;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  private wake(): void {
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves with the first truthy value of `probe`, re-run on every message, on close, and every 100 ms. */
  until<T>(probe: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined;
        try {
          value = probe();
        } catch (error) {
          done();
          reject(error as Error);
          return;
        }
        if (value === undefined) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.credentials.username})`));
      }, timeoutMs);
      const poll = setInterval(check, 100);
      const done = () => {
        clearTimeout(timer);
        clearInterval(poll);
        this.wakers.delete(check);
      };
      this.wakers.add(check);
      check();
    });
  }

  /** The first message from index `from` on that matches. */
  waitFor(test: (m: AmiMessage) => boolean, what: string, timeoutMs = 30_000, from = 0): Promise<AmiMessage> {
    return this.until(() => this.messages.slice(from).find(test), what, timeoutMs);
  }

  /** Resolves once no message has arrived for `quietMs` (the PBX has finished a burst). */
  waitQuiet(quietMs = 800, timeoutMs = 30_000): Promise<void> {
    return this.until(() => (Date.now() - this.lastMessageAt >= quietMs ? true : undefined), `${quietMs} ms without events`, timeoutMs).then(() => undefined);
  }

  /** Sends raw bytes (kept in `sent`). */
  write(raw: string): void {
    this.sent.push(raw);
    this.socket.write(raw);
  }

  /** Sends an action and waits for its Response, and for a list its items and `…Complete` event. */
  async action(name: string, fields: Array<[string, string]> = [], timeoutMs = 30_000): Promise<ActionResult> {
    const actionId = `${this.idPrefix}-${++this.actionCounter}`;
    const from = this.messages.length;
    this.write(formatAction(name, fields, actionId));
    const isOurs = (m: AmiMessage) => fieldOf(m, 'ActionID') === actionId;
    const response = await this.waitFor((m) => isOurs(m) && fieldOf(m, 'Response') !== undefined && fieldOf(m, 'Event') === undefined, `the response to ${name} ${actionId}`, timeoutMs, from);
    if (fieldOf(response, 'EventList') !== 'start') return { response, items: [] };
    await this.waitFor((m) => isOurs(m) && fieldOf(m, 'EventList') === 'Complete', `the end of the ${name} list ${actionId}`, timeoutMs, from);
    const items = this.messages.slice(from).filter((m) => isOurs(m) && fieldOf(m, 'Event') !== undefined && fieldOf(m, 'EventList') !== 'Complete');
    return { response, items };
  }

  /** Logoff, then waits for the PBX to close the socket. */
  async logoff(timeoutMs = 10_000): Promise<void> {
    this.write(formatAction('Logoff', [], `${this.idPrefix}-${++this.actionCounter}`));
    await this.waitClosed(timeoutMs);
  }

  waitClosed(timeoutMs = 30_000): Promise<void> {
    return this.until(() => (this.closedFlag ? true : undefined), 'the PBX to close the connection', timeoutMs).then(() => undefined);
  }

  destroy(): void {
    this.socket.destroy();
  }

  receivedBytes(): Buffer {
    return Buffer.concat(this.received);
  }

  sentBytes(): string {
    return this.sent.join('');
  }
}
