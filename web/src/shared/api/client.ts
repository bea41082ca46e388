/**
 * The one way the web apps talk HTTP to the server: same-origin fetch with the session cookie,
 * JSON in and out, and every failure turned into an ApiError carrying the server's stable code.
 */
import type { ErrorBody } from '@anchang/contracts';

/** Codes the web app produces itself when there is no server answer to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNKNOWN';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown>,
    message: string,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

let onUnauthenticated: (() => void) | null = null;

/**
 * Called when the server says the session is gone (401 UNAUTHENTICATED / SESSION_EXPIRED), so the
 * app can drop cached data and show its login page. Login's own 401 (wrong password) is not it.
 */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions & { rawBody?: Blob } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (options.signal) init.signal = options.signal;
  if (options.rawBody !== undefined) {
    // Photos go up as the image bytes themselves, typed by the file.
    headers['content-type'] = options.rawBody.type || 'application/octet-stream';
    init.body = options.rawBody;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause; // react-query cancels
    throw new ApiError(0, 'NETWORK_ERROR', {}, cause instanceof Error ? cause.message : 'network error');
  }

  if (response.status === 204) return undefined as T;
  const data = await readJson(response);
  if (response.ok) return data as T;

  if (isErrorBody(data)) {
    const { code, message } = data.error;
    const params: Record<string, unknown> = { ...(data.error.params ?? {}) };
    if (response.status === 429 && params.retryAfterSeconds === undefined) {
      // A throttle in front of the handler may answer without params; its Retry-After says the same.
      const header = Number(response.headers.get('retry-after'));
      if (Number.isFinite(header) && header > 0) params.retryAfterSeconds = header;
    }
    if (response.status === 401 && (code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED')) onUnauthenticated?.();
    throw new ApiError(response.status, code, params, message);
  }
  // No error body: a proxy or a crash answered. Still give the UI a code it can translate.
  const code = response.status === 502 || response.status === 503 || response.status === 504 ? 'SERVICE_UNAVAILABLE' : 'UNKNOWN';
  throw new ApiError(response.status, code, {}, response.statusText || `HTTP ${response.status}`);
}

export const http = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    request<T>('GET', path, { ...(query ? { query } : {}), ...(signal ? { signal } : {}) }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body === undefined ? {} : { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};
