import type { Socket } from 'node:net';
import type { ActionContext, ActionHandler } from './action-context';
import { formatEventTv, formatTimestamp, createActionFramer, parseActionFrame, serializeMessage, type AmiFields, type ActionRequest } from './wire-format';
import type { PbxEngine } from './pbx-engine';
import type { ListenChannels } from './listen-channels';

/** The version line real Asterisk 22.10.1 greets with (AMI protocol version, not Asterisk's). */
export const AMI_GREETING = 'Asterisk Call Manager/11.0.0\r\n';

export interface SessionHost {
  readonly engine: PbxEngine;
  readonly listen: ListenChannels;
  readonly handlers: ReadonlyMap<string, ActionHandler>;
  readonly username: string;
  readonly secret: string;
  /** Seconds since the (simulated) PBX booted, for FullyBooted. */
  uptimeS(): number;
  /** Called after a successful login with events on, e.g. to start flood mode. */
  onLoggedIn?(session: AmiSession): void;
  onClosed(session: AmiSession): void;
}

export interface AmiSession {
  readonly socket: Socket;
  readonly id: number;
  isLoggedIn(): boolean;
  wantsEvents(): boolean;
  /** Writes one message; returns false when the socket buffer is full (backpressure). */
  send(fields: AmiFields): boolean;
  close(): void;
}

let nextSessionId = 1;
const ACTIONS_WITHOUT_LOGIN = new Set(['login', 'logoff', 'challenge']);

/**
 * One manager connection: greeting, Login/Logoff/Ping/Events handled here, every other
 * action dispatched to a handler, ActionID echoed right after `Response:` as Asterisk does.
 */
export function createAmiSession(socket: Socket, host: SessionHost): AmiSession {
  let loggedIn = false;
  let events = true;
  let closed = false;
  const id = nextSessionId++;
  const session: AmiSession = {
    socket,
    id,
    isLoggedIn: () => loggedIn,
    wantsEvents: () => loggedIn && events && !closed,
    send(fields) {
      if (closed || socket.destroyed) return false;
      return socket.write(serializeMessage(fields));
    },
    close() {
      if (closed) return;
      closed = true;
      socket.end();
      host.onClosed(session);
    },
  };

  const respond = (action: ActionRequest, response: string, rest: AmiFields) => {
    const actionId = action.get('ActionID');
    session.send([['Response', response], ...(actionId === undefined ? [] : [['ActionID', actionId] as const]), ...rest]);
  };

  const login = (action: ActionRequest) => {
    if (action.get('Username') !== host.username || (action.get('Secret') ?? '') !== host.secret) {
      respond(action, 'Error', [['Message', 'Authentication failed']]);
      return;
    }
    loggedIn = true;
    const eventsValue = (action.get('Events') ?? 'on').trim().toLowerCase();
    events = eventsValue !== 'off' && eventsValue !== 'no' && eventsValue !== 'false' && eventsValue !== '0';
    respond(action, 'Success', [['Message', 'Authentication accepted']]);
    const uptime = String(host.uptimeS());
    if (events) {
      session.send([['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Uptime', uptime], ['LastReload', uptime], ['Status', 'Fully Booted']]);
      const now = host.engine.core.clock.now();
      session.send([
        ['Event', 'SuccessfulAuth'], ['Privilege', 'security,all'], ['Timestamp', formatTimestamp(now)], ['EventTV', formatEventTv(now)],
        ['Severity', 'Informational'], ['Service', 'AMI'], ['EventVersion', '1'], ['AccountID', host.username],
        ['SessionID', `0x${(0x7f0000000000 + id * 0x1000).toString(16)}`],
        ['LocalAddress', `IPV4/TCP/${socket.localAddress ?? '127.0.0.1'}/${socket.localPort ?? 0}`],
        ['RemoteAddress', `IPV4/TCP/${socket.remoteAddress ?? '127.0.0.1'}/${socket.remotePort ?? 0}`],
        ['UsingPassword', '0'], ['SessionTV', formatEventTv(now)],
      ]);
      host.onLoggedIn?.(session);
    }
  };

  const dispatch = (frame: string) => {
    const parsed = parseActionFrame(frame);
    if ('error' in parsed) {
      session.send([['Response', 'Error'], ['Message', parsed.error]]);
      return;
    }
    const name = parsed.name.trim().toLowerCase();
    if (name === '') return respond(parsed, 'Error', [['Message', 'Missing action in request']]);
    if (!loggedIn && !ACTIONS_WITHOUT_LOGIN.has(name)) return respond(parsed, 'Error', [['Message', 'Permission denied']]);
    if (name === 'login') return login(parsed);
    if (name === 'logoff') {
      respond(parsed, 'Goodbye', [['Message', 'Thanks for all the fish.']]);
      return session.close();
    }
    if (name === 'ping') {
      return respond(parsed, 'Success', [['Ping', 'Pong'], ['Timestamp', formatTimestamp(host.engine.core.clock.now())]]);
    }
    if (name === 'events') {
      const value = (parsed.get('EventMask') ?? '').trim().toLowerCase();
      events = value !== 'off' && value !== 'no' && value !== 'false' && value !== '0';
      return respond(parsed, 'Success', [['Events', events ? 'On' : 'Off']]);
    }
    const handler = host.handlers.get(name);
    if (!handler) {
      return respond(parsed, 'Error', [['Message', `Invalid/unknown command: ${parsed.name}. Use Action: ListCommands to show available commands.`]]);
    }
    handler(makeContext(parsed));
  };

  const makeContext = (action: ActionRequest): ActionContext => {
    const actionId = action.get('ActionID') ?? '';
    return {
      engine: host.engine,
      listen: host.listen,
      action,
      actionId,
      reply: (fields) => respond(action, 'Success', fields),
      success: (message, extra = []) => respond(action, 'Success', [['Message', message], ...extra]),
      error: (message) => respond(action, 'Error', [['Message', message]]),
      list(message, completeEvent, items, completeExtra = []) {
        respond(action, 'Success', [['EventList', 'start'], ['Message', message]]);
        for (const item of items) session.send(item);
        session.send([['Event', completeEvent], ['ActionID', actionId], ['EventList', 'Complete'], ['ListItems', String(items.length)], ...completeExtra]);
      },
    };
  };

  const feed = createActionFramer(
    (frame) => {
      try {
        dispatch(frame);
      } catch (err) {
        session.send([['Response', 'Error'], ['Message', `Internal simulator error: ${(err as Error).message}`]]);
      }
    },
    () => session.send([['Response', 'Error'], ['Message', 'Action too large (over 64 KiB without a blank line)']]),
  );
  socket.on('data', (chunk: Buffer) => {
    if (!closed) feed(chunk);
  });
  socket.on('error', () => session.close());
  socket.on('close', () => {
    if (!closed) {
      closed = true;
      host.onClosed(session);
    }
  });
  socket.write(AMI_GREETING);
  return session;
}
