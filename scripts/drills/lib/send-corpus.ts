/** Sends the corpus through `app.inject` with the sessions it names; tallies the answers. */
import type { FastifyInstance } from 'fastify';
import type { CorpusRequest } from './http-corpus.js';

export interface CorpusSessions {
  /** Live sessions by username: cookie and CSRF token. */
  live: Map<string, { cookie: string; csrfToken: string }>;
  /** A cookie whose session has expired by idle time. */
  expiredCookie: string;
}

export interface CorpusOutcome {
  request: CorpusRequest;
  status: number;
  code?: string;
}

export async function loginSession(app: FastifyInstance, username: string, password: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode}`);
  const setCookie = [response.headers['set-cookie']].flat()[0];
  if (!setCookie) throw new Error(`login ${username}: no session cookie`);
  return { cookie: setCookie.split(';')[0]!, csrfToken: response.json<{ csrfToken: string }>().csrfToken };
}

function headersFor(request: CorpusRequest, sessions: CorpusSessions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.contentType) headers['content-type'] = request.contentType;
  const session = request.session;
  if (session === 'forged') headers.cookie = 'yx_sid=forged-session-id-0000000000000000';
  else if (session === 'expired') headers.cookie = sessions.expiredCookie;
  else if (session !== 'none') {
    const live = sessions.live.get(session.user);
    if (!live) throw new Error(`no session for ${session.user}`);
    headers.cookie = live.cookie;
    if (session.csrf === 'valid') headers['x-csrf-token'] = live.csrfToken;
    if (session.csrf === 'forged') headers['x-csrf-token'] = `${live.csrfToken.slice(0, -4)}beef`;
  }
  return headers;
}

export async function sendCorpus(app: FastifyInstance, corpus: CorpusRequest[], sessions: CorpusSessions): Promise<CorpusOutcome[]> {
  const outcomes: CorpusOutcome[] = [];
  for (const request of corpus) {
    const response = await app.inject({
      method: request.method as 'POST',
      url: request.url,
      headers: headersFor(request, sessions),
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    let code: string | undefined;
    try {
      code = response.json<{ code?: string }>().code;
    } catch {
      code = undefined;
    }
    outcomes.push({ request, status: response.statusCode, ...(code ? { code } : {}) });
  }
  return outcomes;
}
