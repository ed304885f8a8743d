// CSRF double submit (docs/api.md "Browser sessions"): every state-changing request copies the
// markaz_csrf cookie into the X-CSRF-Token header.

export const kCsrfCookie = 'markaz_csrf';
export const kCsrfHeader = 'X-CSRF-Token';

const kStateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isStateChanging(method: string): boolean {
  return kStateChanging.has(method.toUpperCase());
}

/** The value of cookie `name` in a `document.cookie` string, or null. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      continue;
    }
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

/** The CSRF header for `method`, or none for reads. */
export function csrfHeaders(method: string, cookies: string): Record<string, string> {
  if (!isStateChanging(method)) {
    return {};
  }
  const token = readCookie(cookies, kCsrfCookie);
  return token ? { [kCsrfHeader]: token } : {};
}
