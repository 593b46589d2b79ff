/**
 * A desk client for the multi-process drill: creates a ticket as the agent, then dispatches it as
 * the dispatcher, over HTTP through the proxy, and sends a request again when it failed because
 * its API process died (a 502/503 from the proxy, or a connection error). Every request has a
 * time bound; one that reaches it counts as hung.
 *
 * Safe retries without an Idempotency-Key (the drill checks the server without relying on the
 * intake's optional key, which came later): each create carries a
 * marker of its own in the description; before sending a create again, the client looks the
 * marker up (GET /api/tickets/search?keyword=) and takes the ticket found, since the lost answer
 * may have followed a commit. A dispatch sent again that meets 409 is checked by reading the
 * ticket: dispatched means the first one went through.
 */
import { randomUUID } from 'node:crypto';
import type { BenchSession } from '../../bench/lib/api-sessions.js';

const MAX_ATTEMPTS = 8;

export interface ClientFigures {
  requests: number;
  retries: number;
  /** Answers 502/503 and connection errors: the failures a dead process should cause. */
  cleanFailures: number;
  /** Requests that reached the time bound with no answer. */
  hung: number;
  /** Answers the client did not expect (4xx/5xx other than the above), each a failure. */
  unexpected: number;
  /** Creates whose lost answer was found by the marker lookup (they had committed). */
  foundAfterLostAnswer: number;
  /** Dispatches sent again that found the ticket already dispatched. */
  dispatchAlreadyDone: number;
}

export interface TicketOutcome {
  marker: string;
  ticketId: string | null;
  dispatched: boolean;
}

interface Answer { status: number; body: string; cleanFailure: boolean; hung: boolean }

export interface TicketClient {
  figures: ClientFigures;
  /** One ticket per call: created (once) and dispatched, retried as above. */
  createAndDispatch(): Promise<TicketOutcome>;
  /** Lines naming each unexpected answer (no personal data: codes and statuses only). */
  problems: string[];
}

export function createTicketClient(baseUrl: string, agent: BenchSession, dispatcher: BenchSession, timeoutMs: number): TicketClient {
  const figures: ClientFigures = { requests: 0, retries: 0, cleanFailures: 0, hung: 0, unexpected: 0, foundAfterLostAnswer: 0, dispatchAlreadyDone: 0 };
  const problems: string[] = [];

  async function send(method: 'GET' | 'POST', path: string, session: BenchSession, body?: unknown): Promise<Answer> {
    figures.requests += 1;
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { ...session.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      const cleanFailure = response.status === 502 || response.status === 503;
      if (cleanFailure) figures.cleanFailures += 1;
      return { status: response.status, body: text, cleanFailure, hung: false };
    } catch (error) {
      const hung = (error as Error).name === 'TimeoutError';
      if (hung) figures.hung += 1;
      else figures.cleanFailures += 1;
      return { status: 0, body: '', cleanFailure: !hung, hung };
    }
  }

  function unexpected(what: string, answer: Answer): void {
    figures.unexpected += 1;
    const code = /"code":"([a-z_]+)"/.exec(answer.body)?.[1] ?? '';
    if (problems.length < 20) problems.push(`${what}: ${answer.hung ? 'no answer within the bound' : `${answer.status} ${code}`}`);
  }

  /** The ticket a create with this marker committed, if any; retried while the lookup itself fails cleanly. */
  async function findByMarker(marker: string): Promise<string | null | undefined> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const answer = await send('GET', `/api/tickets/search?keyword=${marker}`, agent);
      if (answer.status === 200) {
        const items = (JSON.parse(answer.body) as { items: { id: string }[] }).items;
        return items[0]?.id ?? null;
      }
      if (!answer.cleanFailure) {
        unexpected('marker lookup', answer);
        return undefined;
      }
    }
    return undefined;
  }

  async function create(marker: string): Promise<string | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) {
        figures.retries += 1;
        const found = await findByMarker(marker);
        if (found === undefined) return null;
        if (found) {
          figures.foundAfterLostAnswer += 1;
          return found;
        }
      }
      const answer = await send('POST', '/api/tickets', agent, {
        channel: 'web', categoryId: 'city.garbage', areaId: 's01g01', kind: 'complaint', title: '垃圾未清运', description: `演练 ${marker}`,
      });
      if (answer.status === 201) return (JSON.parse(answer.body) as { ticket: { id: string } }).ticket.id;
      if (!answer.cleanFailure) {
        // A hung create may still commit: its marker decides, as for a lost answer.
        if (answer.hung) continue;
        unexpected('create', answer);
        return null;
      }
    }
    problems.push('create: still failing after 8 attempts');
    return null;
  }

  async function dispatch(ticketId: string): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) figures.retries += 1;
      const answer = await send('POST', `/api/tickets/${ticketId}/dispatch`, dispatcher, {});
      if (answer.status === 200) return true;
      if (answer.status === 409 && attempt > 0) {
        const read = await send('GET', `/api/tickets/${ticketId}`, dispatcher);
        if (read.status === 200 && (JSON.parse(read.body) as { state: string }).state === 'dispatched') {
          figures.dispatchAlreadyDone += 1;
          return true;
        }
        if (read.cleanFailure) continue;
      }
      if (!answer.cleanFailure && !answer.hung) {
        unexpected('dispatch', answer);
        return false;
      }
    }
    problems.push('dispatch: still failing after 8 attempts');
    return false;
  }

  return {
    figures,
    problems,
    async createAndDispatch() {
      const marker = `mp${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const ticketId = await create(marker);
      return { marker, ticketId, dispatched: ticketId ? await dispatch(ticketId) : false };
    },
  };
}
