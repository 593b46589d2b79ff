import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startApiTestServer, type ApiTestServer } from '../../test/api-test-server';
import { ApiError, CLIENT_ERROR_CODES, isUnauthenticatedError } from './api-error';
import { createRequestClient } from './client';

let server: ApiTestServer;

beforeAll(async () => {
  server = await startApiTestServer([]);
});
afterAll(() => server.close());

function makeClient() {
  const onError = vi.fn();
  const onUnauthenticated = vi.fn();
  const client = createRequestClient({ baseUrl: server.baseUrl, onError, onUnauthenticated });
  return { client, onError, onUnauthenticated };
}

function lastRequest() {
  const request = server.requests.at(-1);
  if (!request) throw new Error('the server saw no request');
  return request;
}

describe('request client', () => {
  it('unwraps JSON and sends the query string, without a CSRF header on GET', async () => {
    const { client } = makeClient();
    client.setCsrfToken('token-1');
    const data = await client.get<{ method: string; query: Record<string, string> }>('/probe/echo', { query: { page: 2, q: '噪音', skip: undefined } });
    expect(data).toEqual({ method: 'GET', query: { page: '2', q: '噪音' }, body: null });
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });

  it('adds the x-csrf-token header and a JSON body on every non-GET method', async () => {
    const { client } = makeClient();
    client.setCsrfToken('token-2');
    for (const method of ['post', 'put', 'patch'] as const) {
      const data = await client[method]<{ method: string; body: unknown }>('/probe/echo', { a: 1 });
      expect(data.body).toEqual({ a: 1 });
      expect(lastRequest().headers['x-csrf-token']).toBe('token-2');
      expect(lastRequest().headers['content-type']).toBe('application/json');
    }
    await client.delete('/probe/echo');
    expect(lastRequest().method).toBe('DELETE');
    expect(lastRequest().headers['x-csrf-token']).toBe('token-2');
  });

  it('sends no CSRF header once the token is cleared', async () => {
    const { client } = makeClient();
    client.setCsrfToken('token-3');
    client.setCsrfToken(null);
    await client.post('/probe/echo', {});
    expect(lastRequest().headers['x-csrf-token']).toBeUndefined();
  });

  it('resolves 204 to undefined', async () => {
    const { client } = makeClient();
    await expect(client.post('/probe/no-content')).resolves.toBeUndefined();
  });

  it("turns the server's error body into an ApiError and reports it once", async () => {
    const { client, onError, onUnauthenticated } = makeClient();
    const error = await client.post('/probe/error', {}, { query: { status: 422, code: 'validation_failed', field: 'phone' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'validation_failed', field: 'phone', message: 'failed with validation_failed' });
    expect((error as ApiError).details.statusCode).toBe(422);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(error);
    expect(onUnauthenticated).not.toHaveBeenCalled();
  });

  it('does not report codes the caller handles itself', async () => {
    const { client, onError } = makeClient();
    await expect(client.get('/probe/error', { query: { code: 'duplicate' }, handledCodes: ['duplicate'] })).rejects.toMatchObject({ code: 'duplicate' });
    expect(onError).not.toHaveBeenCalled();
  });

  it('sends an expired session to login instead of toasting', async () => {
    const { client, onError, onUnauthenticated } = makeClient();
    for (const code of ['session_expired', 'unauthenticated']) {
      const error = await client.get('/probe/error', { query: { status: 401, code } }).catch((e: unknown) => e);
      expect(isUnauthenticatedError(error)).toBe(true);
    }
    expect(onUnauthenticated).toHaveBeenCalledTimes(2);
    expect(onError).not.toHaveBeenCalled();
  });

  it('leaves a 401 alone when the caller probes the session itself', async () => {
    const { client, onError, onUnauthenticated } = makeClient();
    await expect(client.get('/auth/me', { skipAuthRedirect: true })).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(onUnauthenticated).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });

  it('reports a non-JSON error page as bad_response with its status', async () => {
    const { client, onError } = makeClient();
    await expect(client.get('/probe/html-error')).rejects.toMatchObject({ status: 502, code: CLIENT_ERROR_CODES.badResponse });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('reports malformed JSON as bad_response', async () => {
    const { client } = makeClient();
    await expect(client.get('/probe/bad-json')).rejects.toMatchObject({ code: CLIENT_ERROR_CODES.badResponse });
  });

  it('accepts declared statuses as answers (503 health report)', async () => {
    const { client, onError } = makeClient();
    const report = await client.get<{ status: string }>('/health', { query: { status: 'down' }, okStatuses: [503] });
    expect(report.status).toBe('down');
    expect(onError).not.toHaveBeenCalled();
  });

  it('turns a request that never answers into a timeout error', async () => {
    const { client, onError } = makeClient();
    await expect(client.get('/probe/hang', { timeoutMs: 100 })).rejects.toMatchObject({ status: 0, code: CLIENT_ERROR_CODES.timeout });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('turns a refused connection into a network error', async () => {
    const closed = await startApiTestServer([]);
    await closed.close();
    const onError = vi.fn();
    const client = createRequestClient({ baseUrl: closed.baseUrl, onError });
    await expect(client.get('/health')).rejects.toMatchObject({ status: 0, code: CLIENT_ERROR_CODES.network });
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
