import { ApiError, apiErrorFrom } from './api_error';
import { csrfHeaders } from './csrf';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What the HTTP client needs from its surroundings; the page passes the browser's, tests
 *  pass their own. */
export interface HttpDeps {
  fetch: typeof fetch;
  /** The current `document.cookie`. */
  cookies: () => string;
  /** Prefix for paths, '' in the browser (same origin). */
  baseUrl?: string;
}

export type Request = <T>(method: HttpMethod, path: string, body?: unknown) => Promise<T>;

/** A JSON client for the API: sends the CSRF header on state-changing requests, turns every
 *  non-2xx answer into an ApiError, and gives `undefined` for 204. */
export function createRequest(deps: HttpDeps): Request {
  return async <T>(method: HttpMethod, path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...csrfHeaders(method, deps.cookies()),
    };
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response: Response;
    try {
      response = await deps.fetch((deps.baseUrl ?? '') + path, init);
    } catch (cause) {
      throw new ApiError(0, 'network', null, String(cause));
    }
    if (response.status === 204) {
      return undefined as T;
    }
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      throw apiErrorFrom(response.status, parsed);
    }
    return parsed as T;
  };
}
