import type { ErrorBody } from './types';

/** A refused request, as the server's error body says (docs/api.md "Errors"), or a network
 *  failure (status 0, code `network`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The ApiError for a non-2xx response body; a body that is not the documented shape still
 *  gives an error with the status, so a proxy's HTML error page does not crash the page. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const error = (body as Partial<ErrorBody> | null)?.error;
  if (error && typeof error.code === 'string') {
    return new ApiError(status, error.code, error.field ?? null, error.message ?? '');
  }
  return new ApiError(status, status >= 500 ? 'internal' : 'unknown', null, `HTTP ${status}`);
}
