import { connect, type Socket } from 'node:net';

/**
 * A minimal raw-TCP AMI client for browser tests: log in to the PBX (the simulator in the
 * test stack) and place a call into a hotline, as a citizen dialling would.
 */
export interface AmiSession {
  /** Sends one action and resolves with its response fields (matched by ActionID). */
  send(action: Record<string, string>): Promise<Record<string, string>>;
  close(): void;
}

function parseMessage(block: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return fields;
}

/** Connects to `ami://user:secret@host:port` and logs in. */
export async function openAmi(amiUrl: string, timeoutMs = 10_000): Promise<AmiSession> {
  const url = new URL(amiUrl);
  if (url.protocol !== 'ami:') throw new Error(`Not an AMI URL: ${amiUrl}`);
  const socket: Socket = connect({ host: url.hostname, port: Number(url.port || 5038) });
  socket.setEncoding('utf8');
  const pending = new Map<string, { resolve: (m: Record<string, string>) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let buffer = '';
  let counter = 0;
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n\r\n')) >= 0) {
      const message = parseMessage(buffer.slice(0, end));
      buffer = buffer.slice(end + 4);
      const waiter = message.ActionID ? pending.get(message.ActionID) : undefined;
      if (waiter && message.Response) {
        clearTimeout(waiter.timer);
        pending.delete(message.ActionID!);
        waiter.resolve(message);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });

  const session: AmiSession = {
    send(action) {
      const id = `e2e-${++counter}`;
      const lines = Object.entries({ ...action, ActionID: id }).map(([k, v]) => `${k}: ${v}`);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`AMI ${action.Action} got no response`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      });
    },
    close() {
      for (const waiter of pending.values()) clearTimeout(waiter.timer);
      socket.destroy();
    },
  };
  const login = await session.send({ Action: 'Login', Username: decodeURIComponent(url.username), Secret: decodeURIComponent(url.password) });
  if (login.Response !== 'Success') {
    session.close();
    throw new Error(`AMI login refused: ${login.Message ?? login.Response}`);
  }
  return session;
}

/** A citizen calls a hotline (`Local/<number>@hotline-in`) and waits in the queue; hangs up after `patienceS` (default 300). */
export async function placeHotlineCall(amiUrl: string, hotline: string, caller: { name: string; number: string }, patienceS = 300): Promise<void> {
  const ami = await openAmi(amiUrl);
  try {
    const answer = await ami.send({
      Action: 'Originate', Channel: `Local/${hotline}@hotline-in`, Application: 'Wait', Data: String(patienceS),
      CallerID: `"${caller.name}" <${caller.number}>`, Async: 'true',
    });
    if (answer.Response !== 'Success') throw new Error(`Originate refused: ${answer.Message ?? answer.Response}`);
  } finally {
    ami.close();
  }
}

/**
 * Pauses (or resumes) queue members other than the agent under test, so the test call rings
 * that agent: the simulator's built-in agents would otherwise answer it first.
 */
export async function setMembersPaused(amiUrl: string, interfaces: readonly string[], paused: boolean): Promise<void> {
  if (interfaces.length === 0) return;
  const ami = await openAmi(amiUrl);
  try {
    for (const iface of interfaces) {
      const answer = await ami.send({ Action: 'QueuePause', Queue: 'hotline', Interface: iface, Paused: paused ? 'true' : 'false', Reason: 'e2e' });
      if (answer.Response !== 'Success') throw new Error(`QueuePause ${iface} refused: ${answer.Message ?? answer.Response}`);
    }
  } finally {
    ami.close();
  }
}

/**
 * Takes an agent's interface out of the queue, as a test's clean-up after a failure: the next
 * attempt then meets a signed-out desk (已签出) whatever state the failed one left. A member that
 * is not there (the test signed out itself) is already where it should be.
 */
export async function removeMember(amiUrl: string, iface: string): Promise<void> {
  const ami = await openAmi(amiUrl);
  try {
    const answer = await ami.send({ Action: 'QueueRemove', Queue: 'hotline', Interface: iface });
    if (answer.Response !== 'Success' && !/Not there/i.test(answer.Message ?? '')) {
      throw new Error(`QueueRemove ${iface} refused: ${answer.Message ?? answer.Response}`);
    }
  } finally {
    ami.close();
  }
}
