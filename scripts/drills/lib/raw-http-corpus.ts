/**
 * Raw HTTP against the listening API, for what `inject` cannot send: bodies that arrive too slowly
 * or never finish, NUL bytes and bad framing in the request line and headers, oversized headers,
 * a body announced beyond the limit. Each case opens its own socket; the answer is the status of
 * the first response line, or 0 when the server closed without one (allowed only where the client
 * itself gave up, `closeAllowed`). The server must close every slow request within its limit.
 */
import { connect } from 'node:net';

export interface RawCase {
  label: string;
  /** Bytes sent at once after connecting. */
  head: string;
  /** End our side after writing (an incomplete body the client abandons). */
  halfClose?: boolean;
  /** A server that closes without answering is fine here (the client abandoned the request). */
  closeAllowed?: boolean;
}

export interface RawOutcome {
  case: RawCase;
  status: number;
  ms: number;
  /** The socket was still open when the drill gave up on it. */
  hung: boolean;
}

export interface RawCorpusOptions {
  port: number;
  /** Cookie and CSRF header of a live session, for requests that must pass the access check first. */
  session: { cookie: string; csrfToken: string };
  /** How many slow bodies to hold open at once. */
  slowBodies: number;
}

const CRLF = '\r\n';
const request = (lines: string[], body = '') => `${lines.join(CRLF)}${CRLF}${CRLF}${body}`;

export function buildRawCorpus({ session, slowBodies }: RawCorpusOptions): RawCase[] {
  const auth = [`Cookie: ${session.cookie}`, `X-CSRF-Token: ${session.csrfToken}`];
  const cases: RawCase[] = [];
  for (let i = 0; i < slowBodies; i++) {
    const [url, headers] = i % 2 === 0 ? ['/api/auth/login', []] : ['/api/tickets', auth];
    cases.push({ label: `slow body ${url}`, head: request(['POST ' + url + ' HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Content-Length: 500', ...headers], '{"title":"x') });
  }
  cases.push({ label: 'slow headers', head: 'GET /api/health HTTP/1.1\r\nHost: drill\r\nX-Slow: ' });
  cases.push({ label: 'incomplete body, client gives up', head: request(['POST /api/tickets HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Content-Length: 300', ...auth], '{"channel":"web","ti'), halfClose: true, closeAllowed: true });
  cases.push({ label: 'NUL byte in the request line', head: request(['GET /api/tickets/\u0000 HTTP/1.1', 'Host: drill', ...auth]) });
  cases.push({ label: 'encoded NUL in the request line', head: request(['GET /api/tickets/%00?q=%00 HTTP/1.1', 'Host: drill', ...auth]) });
  cases.push({ label: 'NUL byte in a header', head: request(['GET /api/tickets HTTP/1.1', 'Host: drill', 'X-Request-Id: a\u0000b', ...auth]) });
  cases.push({ label: 'Content-Length not a number', head: request(['POST /api/auth/login HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Content-Length: abc'], '{}') });
  cases.push({ label: 'two different Content-Lengths', head: request(['POST /api/auth/login HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Content-Length: 2', 'Content-Length: 40'], '{}') });
  cases.push({ label: 'Content-Length with chunked', head: request(['POST /api/auth/login HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Content-Length: 4', 'Transfer-Encoding: chunked'], '0\r\n\r\n') });
  cases.push({ label: 'bad chunk size', head: request(['POST /api/auth/login HTTP/1.1', 'Host: drill', 'Content-Type: application/json', 'Transfer-Encoding: chunked'], 'zz\r\n{}\r\n0\r\n\r\n') });
  cases.push({ label: 'headers over 16 KiB', head: request(['GET /api/health HTTP/1.1', 'Host: drill', `X-Big: ${'a'.repeat(20_000)}`]) });
  cases.push({ label: 'body announced beyond the limit', head: request(['POST /api/auth/login HTTP/1.1', 'Host: drill', 'Content-Type: application/json', `Content-Length: ${64 * 1024 * 1024}`], '{"username":') });
  cases.push({ label: '1e400 in a raw body', head: rawJson('/api/auth/login', '{"username":1e400,"password":"x"}') });
  cases.push({ label: 'year-0 date in a raw query', head: request(['GET /api/tickets?to=0000-01-01T00:00:00Z HTTP/1.1', 'Host: drill', ...auth]) });
  cases.push({ label: 'not HTTP at all', head: 'HELLO\r\n\r\n' });
  return cases;

  function rawJson(url: string, body: string): string {
    return request([`POST ${url} HTTP/1.1`, 'Host: drill', 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'], body);
  }
}

/** Sends one case and waits for the server to close the socket, at most `limitMs`. */
function sendRaw(port: number, rawCase: RawCase, limitMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let reply = '';
    let settled = false;
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(rawCase.head, 'latin1');
      if (rawCase.halfClose) socket.end();
    });
    const finish = (hung: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1] ?? 0);
      resolve({ case: rawCase, status, ms: Math.round(performance.now() - started), hung });
    };
    const timer = setTimeout(() => finish(true), limitMs);
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      // A complete answer to a request that did not ask to keep the connection: done.
      if (/^HTTP\/1\.[01] \d{3}/.test(reply) && reply.includes('\r\n\r\n') && !rawCase.label.startsWith('slow')) finish(false);
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
  });
}

/** Runs every case at once (slow bodies are meant to overlap) and returns their outcomes. */
export async function sendRawCorpus(options: RawCorpusOptions & { limitMs: number }): Promise<RawOutcome[]> {
  return Promise.all(buildRawCorpus(options).map((rawCase) => sendRaw(options.port, rawCase, options.limitMs)));
}
