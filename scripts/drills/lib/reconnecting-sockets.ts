/**
 * Console WebSockets for the multi-process drill, each on `/ws` with a signed-in session, that
 * reconnect as the console does when their connection drops (at once, then backing off to 1 s)
 * and keep the ticket ids of the notification pushes they receive. Reconnect time is from the
 * drop to the new socket's `hello`.
 */
import WebSocket from 'ws';

export interface HeldSocket {
  /** Drops seen and how long each took to get a `hello` again (ms). */
  reconnectMs: number[];
  /** Ticket ids of notification pushes received, with when (performance.now()). */
  pushes: { ticketId: string; at: number }[];
  isOpen(): boolean;
}

export interface SocketHold {
  sockets: HeldSocket[];
  close(): Promise<void>;
}

const BACKOFF_MS = [0, 100, 200, 400, 800, 1_000];

/** Opens one socket per cookie through `baseUrl`; resolves once each has said hello. */
export async function holdSockets(baseUrl: string, cookies: string[]): Promise<SocketHold> {
  let closing = false;
  const live = new Set<WebSocket>();
  const timers = new Set<NodeJS.Timeout>();

  function hold(cookie: string): Promise<HeldSocket> {
    const held: HeldSocket & { socket: WebSocket | null } = { reconnectMs: [], pushes: [], socket: null, isOpen: () => held.socket?.readyState === WebSocket.OPEN };
    let droppedAt: number | null = null;
    let attempt = 0;
    return new Promise((resolveFirst, rejectFirst) => {
      const firstTimer = setTimeout(() => rejectFirst(new Error('a socket got no hello within 30 s')), 30_000);
      const open = () => {
        const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`, { headers: { cookie } });
        live.add(socket);
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { topic: string; payload?: { type?: string; ticketId?: string } };
          if (frame.topic === 'hello') {
            held.socket = socket;
            attempt = 0;
            if (droppedAt !== null) held.reconnectMs.push(Math.round(performance.now() - droppedAt));
            droppedAt = null;
            clearTimeout(firstTimer);
            resolveFirst(held);
          } else if (frame.payload?.type === 'notification' && frame.payload.ticketId) {
            held.pushes.push({ ticketId: frame.payload.ticketId, at: performance.now() });
          }
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          live.delete(socket);
          if (closing) return;
          droppedAt ??= performance.now();
          const timer = setTimeout(() => {
            timers.delete(timer);
            open();
          }, BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
          timers.add(timer);
        });
      };
      open();
    });
  }

  const sockets = await Promise.all(cookies.map(hold));
  return {
    sockets,
    async close() {
      closing = true;
      for (const timer of timers) clearTimeout(timer);
      await Promise.all([...live].map((socket) => new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.terminate();
      })));
    },
  };
}
