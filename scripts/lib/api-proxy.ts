/**
 * The front of several API copies (API_PROCESSES > 1): a small reverse proxy on the public PORT
 * that hands each request, and each `/ws` upgrade, to the next live copy on its loopback port in
 * turn. Used by the start command and by the multi-process drill, so the drill proves what runs.
 *
 * - A copy that refuses connections (dead, restarting) is skipped until a probe finds it
 *   listening again. A request refused by it before that goes to the next copy when the proxy
 *   holds it whole (no body; an upgrade), else it is answered 502 `bad_gateway` at once.
 * - A request in flight to a copy that dies ends at once too: 502 before the answer began, else
 *   the client's connection is cut. Never a hang: the kernel closes a killed process's sockets.
 * - No copy listening: 503 `service_unavailable`.
 * - Client addresses: the peer is appended to X-Forwarded-For, and the copies trust this proxy
 *   (127.0.0.1). X-Forwarded-* sent by a peer that TRUST_PROXY does not name are dropped first,
 *   so a client cannot choose its own address (per-client limits, the audit log).
 */
import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import proxyAddr from '@fastify/proxy-addr';

/** How often a copy marked down is probed for a listening socket. */
const PROBE_MS = 500;
/** Headers of one hop only (RFC 9110 §7.6.1), never forwarded. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'proxy-authenticate'];

export interface ApiProxyOptions {
  /** Where the public listens (the API's HOST and PORT). */
  host: string;
  port: number;
  /** The copies' loopback ports. */
  upstreams: number[];
  /** TRUST_PROXY of the deployment: peers whose X-Forwarded-* are passed on. */
  trustProxy: string[];
}

export interface ApiProxyStats {
  /** Answers 502/503 given by the proxy itself, and connections it cut mid-answer. */
  badGateway: number;
  unavailable: number;
  cut: number;
}

export interface ApiProxy {
  port: number;
  stats: ApiProxyStats;
  /** Upstream ports currently taken as listening. */
  live(): number[];
  close(): Promise<void>;
}

/** The request's headers for the copy: hop-by-hop removed, X-Forwarded-* from untrusted peers dropped, the peer appended. */
export function forwardedHeaders(headers: IncomingHttpHeaders, peer: string, isTrusted: (address: string) => boolean): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = { ...headers };
  const named = String(headers.connection ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  for (const name of [...HOP_BY_HOP, ...named]) delete out[name];
  const chain = isTrusted(peer) && headers['x-forwarded-for'] ? `${String(headers['x-forwarded-for'])}, ` : '';
  if (!isTrusted(peer)) {
    delete out['x-forwarded-proto'];
    delete out['x-forwarded-host'];
  }
  out['x-forwarded-for'] = `${chain}${peer}`;
  return out;
}

function sendError(response: ServerResponse, status: 502 | 503, code: string, message: string): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' });
  // The API's own error shape, so the console reads the code as it reads the API's answers.
  response.end(JSON.stringify({ statusCode: status, code, message }));
}

/** Starts the proxy; resolves once it listens. */
export async function startApiProxy(options: ApiProxyOptions): Promise<ApiProxy> {
  const compiled = proxyAddr.compile(options.trustProxy);
  const isTrusted = (address: string) => options.trustProxy.length > 0 && compiled(address, 0);
  const agent = new Agent({ keepAlive: true, maxFreeSockets: 64 });
  const down = new Set<number>();
  const probes = new Map<number, NodeJS.Timeout>();
  const stats: ApiProxyStats = { badGateway: 0, unavailable: 0, cut: 0 };
  const sockets = new Set<Socket>();
  let next = 0;

  /** Marks a copy down and probes it until it accepts a connection again. */
  function markDown(port: number): void {
    if (down.has(port)) return;
    down.add(port);
    const probe = setInterval(() => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        down.delete(port);
        clearInterval(probe);
        probes.delete(port);
      });
      socket.once('error', () => socket.destroy());
    }, PROBE_MS);
    probe.unref();
    probes.set(port, probe);
  }

  function pickUpstream(): number | null {
    for (let i = 0; i < options.upstreams.length; i++) {
      const port = options.upstreams[next++ % options.upstreams.length]!;
      if (!down.has(port)) return port;
    }
    return null;
  }

  /** A connection the copy refused, or reset before it answered: the copy is down. */
  const isCopyGone = (error: NodeJS.ErrnoException) => error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET' || error.code === 'EPIPE';

  /** A request without a body: sent again whole when a copy refused its connection. */
  const hasNoBody = (request: IncomingMessage) =>
    request.headers['transfer-encoding'] === undefined && (request.headers['content-length'] === undefined || request.headers['content-length'] === '0');

  function onRequest(request: IncomingMessage, response: ServerResponse): void {
    const port = pickUpstream();
    if (port === null) {
      stats.unavailable += 1;
      request.resume();
      return sendError(response, 503, 'service_unavailable', 'No API process is listening; try again shortly');
    }
    forward(request, response, port, hasNoBody(request) ? options.upstreams.length - 1 : 0);
  }

  function forward(request: IncomingMessage, response: ServerResponse, port: number, refusalsLeft: number): void {
    const peer = request.socket.remoteAddress ?? '';
    const upstream = httpRequest({
      host: '127.0.0.1', port, agent, method: request.method, path: request.url,
      headers: forwardedHeaders(request.headers, peer, isTrusted),
    });
    upstream.on('response', (answer) => {
      const headers = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete headers[name];
      response.writeHead(answer.statusCode ?? 502, answer.statusMessage, headers);
      answer.pipe(response);
      answer.on('error', () => {
        stats.cut += 1;
        response.destroy();
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (isCopyGone(error)) markDown(port);
      if (response.headersSent) {
        stats.cut += 1;
        response.destroy();
        return;
      }
      // Refused: nothing reached the copy, so a request without a body goes to the next one.
      const other = error.code === 'ECONNREFUSED' && refusalsLeft > 0 ? pickUpstream() : null;
      if (other !== null) return forward(request, response, other, refusalsLeft - 1);
      stats.badGateway += 1;
      sendError(response, 502, 'bad_gateway', 'The API process handling this request went away; it was not answered, send it again');
    });
    // The client gave up: the copy need not finish answering.
    response.on('close', () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  }

  function onUpgrade(request: IncomingMessage, client: Socket, head: Buffer): void {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const port = pickUpstream();
    if (port === null) {
      stats.unavailable += 1;
      client.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const headers = forwardedHeaders(request.headers, client.remoteAddress ?? '', isTrusted);
    const lines = [`${request.method} ${request.url} HTTP/1.1`];
    for (const [name, value] of Object.entries(headers)) {
      for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) lines.push(`${name}: ${one}`);
    }
    lines.push('Connection: Upgrade', `Upgrade: ${String(request.headers.upgrade ?? 'websocket')}`);
    const requestHead = `${lines.join('\r\n')}\r\n\r\n`;
    // Nothing reaches a copy that refuses the connection: the upgrade is offered to the next one.
    const tryCopy = (copyPort: number, attemptsLeft: number) => {
      const upstream = connect(copyPort, '127.0.0.1');
      sockets.add(upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        upstream.write(requestHead);
        if (head.length > 0) upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
        // Either side closing closes the other: a socket on a dead copy ends for the client at once.
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
      });
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (isCopyGone(error)) markDown(copyPort);
        if (connected) {
          client.destroy();
          return;
        }
        const other = error.code === 'ECONNREFUSED' && attemptsLeft > 0 ? pickUpstream() : null;
        if (other !== null) return tryCopy(other, attemptsLeft - 1);
        stats.badGateway += 1;
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      });
    };
    tryCopy(port, options.upstreams.length - 1);
  }

  const server = createServer(onRequest);
  server.on('upgrade', onUpgrade);
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    stats,
    live: () => options.upstreams.filter((port) => !down.has(port)),
    async close() {
      for (const probe of probes.values()) clearInterval(probe);
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
