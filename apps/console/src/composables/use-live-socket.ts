import { getCurrentInstance, onBeforeUnmount, ref, type Ref } from 'vue';

/** One frame the API pushes over `/ws`: `{ topic, payload }` (see the API's realtime plugin). */
export interface LiveFrame<T = unknown> {
  topic: string;
  payload: T;
}

/** Receives the payload and the full topic (`agent:Local/8101@agents/n`, `unit:…`). */
export type LiveHandler<T = unknown> = (payload: T, topic: string) => void;

export const LIVE_STATUS = {
  idle: 'idle',
  connecting: 'connecting',
  open: 'open',
  reconnecting: 'reconnecting',
  /**
   * The server closed with 4401: no session, or it ended (signed out anywhere, idle time; the
   * reason says which). We stop retrying until `connect()` is called again.
   */
  unauthenticated: 'unauthenticated',
} as const;
export type LiveStatus = (typeof LIVE_STATUS)[keyof typeof LIVE_STATUS];

/** The part of the browser WebSocket we use; `ws` in tests has the same shape. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason?: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface LiveSocketOptions {
  /** Default: `ws(s)://<page host>/ws`. */
  url?: string;
  createSocket?: (url: string) => SocketLike;
  /** First retry delay; doubles per failed attempt up to `maxDelayMs` (with jitter). */
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Sends `ping` this often so idle proxies keep the connection. */
  pingIntervalMs?: number;
  /** 0..1; default Math.random. Tests pass a constant. */
  random?: () => number;
}

const OPEN = 1;
const UNAUTHENTICATED_CLOSE = 4401;

function defaultUrl(): string {
  const loc = globalThis.location;
  if (!loc) return 'ws://127.0.0.1/ws';
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/ws`;
}

/** Parses a frame; pong and anything that is not `{ topic: string }` JSON is dropped. */
export function parseLiveFrame(data: unknown): LiveFrame | null {
  if (typeof data !== 'string' || !data.startsWith('{')) return null;
  try {
    const frame = JSON.parse(data) as unknown;
    if (!frame || typeof frame !== 'object' || typeof (frame as LiveFrame).topic !== 'string') return null;
    return { topic: (frame as LiveFrame).topic, payload: (frame as LiveFrame).payload };
  } catch {
    return null;
  }
}

/** Delay before retry number `attempt` (0-based): exponential, capped, with ±25 % jitter. */
export function computeBackoffMs(attempt: number, minMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * One WebSocket to the API for the whole console. Pages subscribe by topic prefix (`queue`,
 * `agent:`, `calls`, `unit:`, `user:`); the socket reconnects with backoff, and each
 * reconnect delivers a fresh `hello`, which pages use to reload the state they may have missed.
 */
export function createLiveSocket(options: LiveSocketOptions = {}) {
  const minDelay = options.minDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 30_000;
  const pingInterval = options.pingIntervalMs ?? 25_000;
  const random = options.random ?? Math.random;
  const create = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
  const status = ref<LiveStatus>(LIVE_STATUS.idle);
  /** Why the server refused or ended the session (`session_ended`, `session_expired`, `unauthenticated`). */
  const closeReason = ref<string | null>(null);
  const handlers = new Set<{ prefix: string; handler: LiveHandler<never> }>();
  let socket: SocketLike | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let wanted = false;

  function clearTimers(): void {
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    if (pingTimer !== undefined) clearInterval(pingTimer);
    retryTimer = undefined;
    pingTimer = undefined;
  }

  function deliver(frame: LiveFrame): void {
    for (const entry of [...handlers]) {
      if (!frame.topic.startsWith(entry.prefix)) continue;
      try {
        (entry.handler as LiveHandler)(frame.payload, frame.topic);
      } catch (error) {
        console.warn('live handler failed', frame.topic, error);
      }
    }
  }

  function scheduleRetry(): void {
    status.value = LIVE_STATUS.reconnecting;
    retryTimer = setTimeout(open, computeBackoffMs(attempt, minDelay, maxDelay, random));
    attempt += 1;
  }

  function open(): void {
    clearTimers();
    status.value = attempt === 0 ? LIVE_STATUS.connecting : LIVE_STATUS.reconnecting;
    let current: SocketLike;
    try {
      current = create(options.url ?? defaultUrl());
    } catch {
      scheduleRetry();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      pingTimer = setInterval(() => current.readyState === OPEN && current.send('ping'), pingInterval);
    };
    current.onmessage = (event) => {
      if (socket !== current) return;
      const frame = parseLiveFrame(event.data);
      if (!frame) return;
      if (frame.topic === 'hello') {
        attempt = 0;
        status.value = LIVE_STATUS.open;
      }
      deliver(frame);
    };
    current.onerror = () => {
      // a close follows every error; it decides about the retry
    };
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      clearTimers();
      if (!wanted) {
        status.value = LIVE_STATUS.idle;
      } else if (event.code === UNAUTHENTICATED_CLOSE) {
        closeReason.value = event.reason || 'unauthenticated';
        status.value = LIVE_STATUS.unauthenticated;
      } else {
        scheduleRetry();
      }
    };
  }

  return {
    status: status as Readonly<Ref<LiveStatus>>,
    closeReason: closeReason as Readonly<Ref<string | null>>,
    /** Opens the socket unless it is open or opening. */
    connect(): void {
      wanted = true;
      if (socket || retryTimer !== undefined) return;
      attempt = 0;
      open();
    },
    /** Closes for good (logout, last page gone); no retry. */
    disconnect(): void {
      wanted = false;
      clearTimers();
      const current = socket;
      socket = null;
      status.value = LIVE_STATUS.idle;
      current?.close(1000, 'client closing');
    },
    /** Calls `handler` for every frame whose topic starts with `prefix`; returns the unsubscribe. */
    subscribe<T = unknown>(prefix: string, handler: LiveHandler<T>): () => void {
      const entry = { prefix, handler: handler as LiveHandler<never> };
      handlers.add(entry);
      return () => handlers.delete(entry);
    },
  };
}

export type LiveSocket = ReturnType<typeof createLiveSocket>;

let shared: LiveSocket | null = null;
let users = 0;

/** The console's one socket (created on first use). */
export function getLiveSocket(): LiveSocket {
  shared ??= createLiveSocket();
  return shared;
}

/**
 * For components: connects while at least one mounted component uses it, and drops this
 * component's subscriptions when it unmounts. Outside a component, subscriptions stay until
 * their returned function is called.
 */
export function useLiveSocket() {
  const live = getLiveSocket();
  const owned: (() => void)[] = [];
  const inComponent = getCurrentInstance() !== null;
  users += 1;
  live.connect();
  if (inComponent) {
    onBeforeUnmount(() => {
      for (const off of owned) off();
      users -= 1;
      if (users === 0) live.disconnect();
    });
  }
  return {
    status: live.status,
    subscribe<T = unknown>(prefix: string, handler: LiveHandler<T>): () => void {
      const off = live.subscribe(prefix, handler);
      if (inComponent) owned.push(off);
      return off;
    },
  };
}
