// The package ships no types; this reference makes ours travel with the source to every consumer.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../types/asterisk-manager.d.ts" />
import { EventEmitter } from 'node:events';
import net from 'node:net';
import AsteriskManager, { type ManagerInstance, type ManagerMessage, type ManagerActionFields } from 'asterisk-manager';
import type { AmiMessage } from '../protocol/ami-message';
import { serializeMessage, type AmiOutgoing } from '../protocol/serialize-message';
import { AmiDisconnectedError, AmiNotConnectedError, AmiTimeoutError } from './ami-errors';
import { parseAmiUrl, type AmiEndpoint } from './ami-url';
import { isListEnd, settleResponse, type AmiActionResult, type PendingAction } from './pending-actions';
import { restoreMessage } from './restore-keys';

export interface AmiClientOptions {
  /** `ami://user:secret@host:5038` */
  url: string;
  /** Default per-action timeout. Default 10 s. */
  actionTimeoutMs?: number;
  /** Queue actions while disconnected (sent after the next login). Default true; false = fail fast. */
  queueWhileDisconnected?: boolean;
  /** Most actions held while disconnected; more fail fast. Default 100. */
  maxQueued?: number;
  /** Reconnect backoff: first delay and cap. Defaults 500 ms and 15 s. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** Ping every this often; a Ping unanswered within pingTimeoutMs drops the link. Defaults 10 s / 10 s. */
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Prefix of generated ActionIDs, to tell several clients apart in a capture. Default `yx`. */
  actionIdPrefix?: string;
  /**
   * Only these live events (Asterisk's spelling) are restored and emitted; the rest are counted in
   * `eventsRead` and dropped without further work, as a manager.conf filter would drop them at the
   * PBX. `FullyBooted` and list items of pending actions always pass. Default: every event.
   */
  events?: readonly string[];
}

export interface AmiClientEvents {
  /** Logged in; actions flow. */
  connected: [];
  /** Link lost or login failed; a reconnect is scheduled unless closed. */
  disconnected: [{ reason: string }];
  reconnecting: [{ attempt: number; delayMs: number }];
  /** `Event: FullyBooted` — on every login; with `Uptime: 0` after a PBX restart. Rebuild state from lists. */
  fullyBooted: [AmiMessage];
  /** Every live event (list items go to their action instead), keys in Asterisk's spelling. */
  event: [AmiMessage];
}

type Listener<K extends keyof AmiClientEvents> = (...args: AmiClientEvents[K]) => void;

/**
 * AMI client over the `asterisk-manager` package, hardened where that package is not:
 * its own reconnect (capped exponential backoff, not `keepConnected`), a Ping heartbeat,
 * one ActionID and timeout per action, actions queued (bounded) or failed while
 * disconnected (the package would drop them silently), list actions collected into one
 * result, and keys given back in Asterisk's spelling. It never throws out of an event
 * handler and never emits `error`, so it cannot take the process down.
 */
export class AmiClient {
  readonly endpoint: AmiEndpoint;
  readonly #emitter = new EventEmitter();
  readonly #opts: Required<Omit<AmiClientOptions, 'url' | 'events'>>;
  #manager: ManagerInstance | null = null;
  #loggedIn = false;
  #closed = false;
  #attempt = 0;
  #nextId = 0;
  #eventsRead = 0;
  #socket: net.Socket | null = null;
  #paused = false;
  #wanted: ReadonlySet<string> | null = null;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #pingTimer: NodeJS.Timeout | null = null;
  #loginTimer: NodeJS.Timeout | null = null;
  #pingInFlight = false;
  #pending = new Map<string, PendingAction>();
  #queue: PendingAction[] = [];

  constructor(options: AmiClientOptions) {
    this.endpoint = parseAmiUrl(options.url);
    this.#opts = {
      actionTimeoutMs: options.actionTimeoutMs ?? 10_000,
      queueWhileDisconnected: options.queueWhileDisconnected ?? true,
      maxQueued: options.maxQueued ?? 100,
      reconnectBaseMs: options.reconnectBaseMs ?? 500,
      reconnectMaxMs: Math.min(options.reconnectMaxMs ?? 15_000, 15_000),
      pingIntervalMs: options.pingIntervalMs ?? 10_000,
      pingTimeoutMs: options.pingTimeoutMs ?? 10_000,
      actionIdPrefix: options.actionIdPrefix ?? 'yx',
    };
    if (options.events) this.#wanted = new Set([...options.events, 'FullyBooted'].map((name) => name.toLowerCase()));
    this.#emitter.setMaxListeners(50);
  }

  get isConnected(): boolean { return this.#loggedIn; }

  /** Live events read since the client was made, filtered ones included. */
  get eventsRead(): number { return this.#eventsRead; }

  on<K extends keyof AmiClientEvents>(name: K, listener: Listener<K>): this {
    this.#emitter.on(name, listener as (...args: unknown[]) => void);
    return this;
  }
  off<K extends keyof AmiClientEvents>(name: K, listener: Listener<K>): this {
    this.#emitter.off(name, listener as (...args: unknown[]) => void);
    return this;
  }
  once<K extends keyof AmiClientEvents>(name: K, listener: Listener<K>): this {
    this.#emitter.once(name, listener as (...args: unknown[]) => void);
    return this;
  }

  /** Start connecting (and keep reconnecting until `close`). Resolves at once; watch `connected`. */
  start(): void {
    if (this.#closed || this.#manager !== null || this.#reconnectTimer !== null) return;
    this.#connect();
  }

  /**
   * Send an action. Resolves with the Response (and the items of a list action);
   * rejects with AmiActionError on `Response: Error`, AmiTimeoutError, AmiNotConnectedError
   * or AmiDisconnectedError. Never hangs: every action has a timeout, queued ones included.
   * `onSettled` is called synchronously the moment the response (or a list's Complete event) is
   * read, before any later event is emitted: the caller can mark that point in the event stream.
   */
  action(fields: AmiOutgoing & { Action: string }, options: { timeoutMs?: number; onSettled?: (result: AmiActionResult) => void } = {}): Promise<AmiActionResult> {
    return new Promise((resolve, reject) => {
      const action = typeof fields.Action === 'string' ? fields.Action.trim() : '';
      if (action === '') return reject(new TypeError('AMI action needs a non-empty Action field'));
      if (/^(login|logoff)$/i.test(action)) return reject(new TypeError(`AMI ${action} is managed by AmiClient; do not send it`));
      try { serializeMessage(fields); } catch (error) { return reject(error); }
      if (this.#closed) return reject(new AmiNotConnectedError(`AMI ${action} refused: the client is closed`));
      if (!this.#loggedIn && (!this.#opts.queueWhileDisconnected || this.#queue.length >= this.#opts.maxQueued)) {
        const why = this.#opts.queueWhileDisconnected ? `the queue is full (${this.#opts.maxQueued})` : 'queuing is off';
        return reject(new AmiNotConnectedError(`AMI ${action} refused: not connected and ${why}`));
      }
      const id = `${this.#opts.actionIdPrefix}-${++this.#nextId}`;
      const timeoutMs = options.timeoutMs ?? this.#opts.actionTimeoutMs;
      const pending: PendingAction = {
        id, action, fields, timeoutMs, sent: false, response: null, items: [],
        timer: setTimeout(() => this.#expire(pending), timeoutMs),
        resolve: (r) => {
          this.#forget(pending);
          try { options.onSettled?.(r); } catch { /* the caller's bug must not lose the result */ }
          resolve(r);
        },
        reject: (e) => { this.#forget(pending); reject(e); },
      };
      this.#pending.set(id, pending);
      if (this.#loggedIn) this.#send(pending);
      else this.#queue.push(pending);
    });
  }

  /** Stop for good: reject what is pending, drop the link, cancel timers. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = null;
    this.#dropManager();
    this.#loggedIn = false;
    for (const p of [...this.#pending.values()]) p.reject(new AmiNotConnectedError(`AMI ${p.action} abandoned: the client was closed`));
  }

  #connect(): void {
    const { host, port, username, secret } = this.endpoint;
    const manager = new AsteriskManager(undefined, host, username, secret, true);
    this.#manager = manager;
    const isCurrent = () => this.#manager === manager;
    manager.on('managerevent', (raw: ManagerMessage) => { if (isCurrent()) this.#onEvent(raw); });
    manager.on('close', () => { if (isCurrent()) this.#onLinkLost('connection closed'); });
    this.#loginTimer = setTimeout(() => { if (isCurrent()) this.#onLinkLost('login timed out'); }, this.#opts.actionTimeoutMs);
    this.#socket = captureSocket(() => manager.connect(port, host, () => {
      if (!isCurrent()) return;
      manager.login((err) => {
        if (!isCurrent()) return;
        if (this.#loginTimer) clearTimeout(this.#loginTimer);
        if (err) this.#onLinkLost(`login refused: ${String(err.message ?? 'no message')}`);
        else this.#onLoggedIn();
      });
    }));
    if (this.#paused) this.#socket?.pause();
  }

  /**
   * Stop reading from the PBX until `resume()`: TCP then pushes back on the sender instead of
   * events piling up in this process. For a consumer that falls behind; keep pauses shorter than
   * the Ping timeout, or the link is dropped (and rebuilt by a resync).
   */
  pause(): void {
    this.#paused = true;
    this.#socket?.pause();
  }

  resume(): void {
    this.#paused = false;
    this.#socket?.resume();
  }

  get isPaused(): boolean { return this.#paused; }

  #onLoggedIn(): void {
    this.#loggedIn = true;
    this.#attempt = 0;
    this.#pingTimer = setInterval(() => this.#ping(), this.#opts.pingIntervalMs);
    this.#emit('connected');
    const queued = this.#queue;
    this.#queue = [];
    for (const p of queued) if (this.#pending.has(p.id)) this.#send(p);
  }

  #send(pending: PendingAction): void {
    const manager = this.#manager;
    if (manager === null) return;
    pending.sent = true;
    const payload: ManagerActionFields = { ...(pending.fields as ManagerActionFields), actionid: pending.id };
    for (const key of Object.keys(payload)) if (key !== 'actionid' && key.toLowerCase() === 'actionid') delete payload[key];
    manager.action(payload, (_err, raw) => {
      if (this.#manager !== manager || !this.#pending.has(pending.id)) return;
      settleResponse(pending, restoreMessage(raw));
    });
  }

  #onEvent(raw: ManagerMessage): void {
    const actionId = raw.actionid;
    const forAction = typeof actionId === 'string' && this.#pending.has(actionId);
    if (!forAction) {
      this.#eventsRead++;
      const name = raw.event;
      if (this.#wanted && !(typeof name === 'string' && this.#wanted.has(name.toLowerCase()))) return;
    }
    let message: AmiMessage;
    try { message = restoreMessage(raw); } catch { return; }
    const pending = message.actionId === undefined ? undefined : this.#pending.get(message.actionId);
    if (pending && pending.sent && (pending.response === null || pending.response.fields.EventList !== undefined)) {
      if (isListEnd(message)) pending.resolve({ response: pending.response ?? message, items: pending.items, complete: message });
      else pending.items.push(message);
      return;
    }
    if (message.event === 'FullyBooted') this.#emit('fullyBooted', message);
    this.#emit('event', message);
  }

  #ping(): void {
    if (this.#pingInFlight || !this.#loggedIn) return;
    this.#pingInFlight = true;
    this.action({ Action: 'Ping' }, { timeoutMs: this.#opts.pingTimeoutMs })
      .catch((error: unknown) => { if (error instanceof AmiTimeoutError) this.#onLinkLost('heartbeat: Ping unanswered'); })
      .finally(() => { this.#pingInFlight = false; });
  }

  #onLinkLost(reason: string): void {
    if (this.#manager === null) return;
    this.#dropManager();
    this.#loggedIn = false;
    for (const p of [...this.#pending.values()]) {
      if (p.sent) p.reject(new AmiDisconnectedError(`AMI ${p.action} (${p.id}): connection lost before the reply (${reason})`));
    }
    this.#emit('disconnected', { reason });
    if (this.#closed) return;
    const delayMs = Math.min(this.#opts.reconnectMaxMs, this.#opts.reconnectBaseMs * 2 ** this.#attempt);
    this.#attempt++;
    this.#emit('reconnecting', { attempt: this.#attempt, delayMs });
    this.#reconnectTimer = setTimeout(() => { this.#reconnectTimer = null; if (!this.#closed) this.#connect(); }, delayMs);
  }

  /** Detach from the current asterisk-manager instance; its late errors go to a no-op listener. */
  #dropManager(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#loginTimer) clearTimeout(this.#loginTimer);
    this.#pingTimer = null;
    this.#loginTimer = null;
    const manager = this.#manager;
    this.#manager = null;
    this.#socket = null;
    if (manager === null) return;
    manager.removeAllListeners();
    manager.on('error', () => {});
    try { manager.disconnect(); } catch { /* socket already gone */ }
  }

  #expire(pending: PendingAction): void {
    const where = pending.sent ? 'no complete reply' : 'still queued, not connected';
    pending.reject(new AmiTimeoutError(`AMI ${pending.action} (${pending.id}): ${where} within ${pending.timeoutMs} ms`));
  }

  #forget(pending: PendingAction): void {
    clearTimeout(pending.timer);
    this.#pending.delete(pending.id);
    const index = this.#queue.indexOf(pending);
    if (index !== -1) this.#queue.splice(index, 1);
    this.#manager?.removeAllListeners(pending.id);
  }

  #emit<K extends keyof AmiClientEvents>(name: K, ...args: AmiClientEvents[K]): void {
    try { this.#emitter.emit(name, ...args); } catch { /* a listener's bug must not kill the link */ }
  }
}

/**
 * asterisk-manager opens its socket with `net.createConnection` inside `connect()` and keeps it
 * private; this catches that socket (synchronously, for that one call) so the client can pause it.
 */
function captureSocket(connect: () => void): net.Socket | null {
  const original = net.createConnection;
  let captured: net.Socket | null = null;
  net.createConnection = ((...args: Parameters<typeof net.createConnection>) => {
    captured = (original as (...a: Parameters<typeof net.createConnection>) => net.Socket)(...args);
    return captured;
  }) as typeof net.createConnection;
  try {
    connect();
  } finally {
    net.createConnection = original;
  }
  return captured;
}
