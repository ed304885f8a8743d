import { kMarkazUrl } from './env';

/** Fails at once, with what to do, when no Markaz answers at MARKAZ_URL: the tests must not
 *  sit in timeouts against a port nobody listens on. */
export async function requireServer(): Promise<void> {
  let status: number;
  try {
    const response = await fetch(`${kMarkazUrl}/healthz`, { signal: AbortSignal.timeout(3_000) });
    status = response.status;
  } catch (cause) {
    throw new Error(
      `no Markaz at ${kMarkazUrl} (${String(cause)}). Start one (scripts/demo, or ` +
        '`markaz serve --config config/demo.yaml`) or set MARKAZ_URL.',
    );
  }
  if (status !== 200) {
    throw new Error(`${kMarkazUrl}/healthz answered ${status}, expected 200`);
  }
}
