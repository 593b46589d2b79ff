import { ApiError, CLIENT_ERROR_CODES, UNAUTHENTICATED_CODES } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: HttpMethod;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Error codes the caller shows itself (e.g. inline on a form): no toast for these. */
  handledCodes?: readonly string[];
  /** Statuses (besides 2xx) whose JSON body is a valid answer, e.g. 503 from /health. */
  okStatuses?: readonly number[];
  /** Do not send the user to login on 401 (the session probe and login itself). */
  skipAuthRedirect?: boolean;
  timeoutMs?: number;
  /** Cancels the request (e.g. a search replaced by a newer one); it then fails with code `aborted`, shown nowhere. */
  signal?: AbortSignal;
  /** Extra request headers (e.g. a patrol report's `idempotency-key`). */
  headers?: Record<string, string>;
}

export interface RequestClientConfig {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof globalThis.fetch;
  /** Called once per failed request whose session is gone. */
  onUnauthenticated: (error: ApiError) => void;
  /** Called for every other failure the caller did not declare as handled: shows one message. */
  onError: (error: ApiError) => void;
}

const DEFAULT_CONFIG: RequestClientConfig = {
  baseUrl: '/api',
  timeoutMs: 15_000,
  fetch: (...args) => globalThis.fetch(...args),
  onUnauthenticated: () => {},
  onError: () => {},
};

function buildUrl(baseUrl: string, path: string, query: RequestOptions['query']): string {
  const url = `${baseUrl.replace(/\/$/, '')}/${path.replace(/^\//, '')}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError({ status: response.status, code: CLIENT_ERROR_CODES.badResponse, message: 'Malformed JSON response' });
    }
  }
  return text;
}

function toApiError(status: number, body: unknown): ApiError {
  if (body && typeof body === 'object' && typeof (body as { code?: unknown }).code === 'string') {
    const b = body as Record<string, unknown>;
    return new ApiError({
      status,
      code: b.code as string,
      message: typeof b.message === 'string' ? b.message : '',
      field: typeof b.field === 'string' ? b.field : undefined,
      details: b,
    });
  }
  return new ApiError({ status, code: CLIENT_ERROR_CODES.badResponse, message: `HTTP ${status}` });
}

/**
 * The console's one HTTP client: sends the session cookie, adds the CSRF header on every
 * non-GET request, unwraps JSON and turns every failure into an ApiError. It reports each
 * failure once (a toast, or the redirect to login), so views only handle codes they name.
 */
export function createRequestClient(initial: Partial<RequestClientConfig> = {}) {
  const config: RequestClientConfig = { ...DEFAULT_CONFIG, ...initial };
  let csrfToken: string | null = null;

  async function send(path: string, options: RequestOptions): Promise<unknown> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    let body: string | Blob | FormData | undefined;
    if (options.body instanceof FormData) {
      // Files as multipart/form-data: fetch writes the content type with its boundary.
      body = options.body;
    } else if (options.body instanceof Blob) {
      // A file (an XLSX import) goes as the body itself, with its own type.
      headers['content-type'] = options.body.type || 'application/octet-stream';
      body = options.body;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await config.fetch(buildUrl(config.baseUrl, path, options.query), {
        method,
        headers,
        body,
        credentials: 'include',
        signal: options.signal
          ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs ?? config.timeoutMs)])
          : AbortSignal.timeout(options.timeoutMs ?? config.timeoutMs),
      });
    } catch (cause) {
      if (options.signal?.aborted) throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.aborted, message: 'Request cancelled' });
      const isTimeout = cause instanceof Error && cause.name === 'TimeoutError';
      throw new ApiError({
        status: 0,
        code: isTimeout ? CLIENT_ERROR_CODES.timeout : CLIENT_ERROR_CODES.network,
        message: isTimeout ? 'Request timed out' : 'Network error',
      });
    }
    const data = await readBody(response);
    if (response.ok || options.okStatuses?.includes(response.status)) return data;
    throw toApiError(response.status, data);
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    try {
      return (await send(path, options)) as T;
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, message: 'Network error' });
      const isUnauthenticated = apiError.status === 401 && UNAUTHENTICATED_CODES.includes(apiError.code);
      if (options.handledCodes?.includes(apiError.code) || apiError.code === CLIENT_ERROR_CODES.aborted) throw apiError;
      if (isUnauthenticated && !options.skipAuthRedirect) config.onUnauthenticated(apiError);
      else if (!isUnauthenticated) config.onError(apiError);
      throw apiError;
    }
  }

  return {
    request,
    get: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...options, method: 'GET' }),
    post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
      request<T>(path, { ...options, method: 'POST', body }),
    put: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
      request<T>(path, { ...options, method: 'PUT', body }),
    patch: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'method' | 'body'> = {}) =>
      request<T>(path, { ...options, method: 'PATCH', body }),
    delete: <T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}) => request<T>(path, { ...options, method: 'DELETE' }),
    /** The token from login / me; sent as `x-csrf-token` on writes. */
    setCsrfToken(token: string | null): void {
      csrfToken = token;
    },
    /** Wires UI reactions (toast, router) at start-up without the client importing them. */
    configure(patch: Partial<RequestClientConfig>): void {
      Object.assign(config, patch);
    },
  };
}

export type RequestClient = ReturnType<typeof createRequestClient>;

/** The instance every `api/<area>.ts` module uses. */
export const requestClient = createRequestClient();
