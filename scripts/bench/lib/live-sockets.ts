/**
 * Console WebSockets for the screen-pop benchmark: one per agent session on the API's `/ws`,
 * each timing the `agent:<interface>` messages it receives.
 */
import WebSocket from 'ws';
import { withTimeout } from './child-process.js';

export interface LiveFrame {
  topic: string;
  payload: Record<string, unknown>;
}

/** Opens a socket with the session cookie and resolves once the API says hello. */
export function openLiveSocket(port: number, cookie: string, onFrame: (frame: LiveFrame, receivedAt: number) => void): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, { headers: { cookie } });
  const hello = new Promise<WebSocket>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('close', (code, reason) => reject(new Error(`socket closed before hello: ${code} ${String(reason)}`)));
    socket.on('message', (data) => {
      const receivedAt = performance.now();
      let frame: LiveFrame;
      try {
        frame = JSON.parse(String(data)) as LiveFrame;
      } catch {
        return;
      }
      if (frame.topic === 'hello') resolve(socket);
      else onFrame(frame, receivedAt);
    });
  });
  return withTimeout(hello, 30_000, 'the /ws hello');
}

/** Closes every socket and waits (bounded) for them to close. */
export async function closeLiveSockets(sockets: WebSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    const force = setTimeout(() => {
      socket.terminate();
      resolve();
    }, 5000);
    socket.once('close', () => {
      clearTimeout(force);
      resolve();
    });
    socket.close();
  })));
}
