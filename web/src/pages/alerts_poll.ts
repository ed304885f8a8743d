import type { Alert } from '../api/types';

// Polling GET /api/v1/alerts?active=true: the server evaluates the rules every 5 s (docs/
// alerts.md), so the console and the wallboard ask as often. One request at a time: the next
// is timed from the end of the last, so a slow server never gets a pile of them.

export const kAlertPollMs = 5_000;

export interface AlertPollOptions {
  load: () => Promise<Alert[]>;
  onAlerts: (alerts: Alert[]) => void;
  onError: (error: unknown) => void;
  intervalMs?: number;
  /** The browser's timers unless a test passes its own. */
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

export interface AlertPoll {
  /** Asks now (after an acknowledgement): an answer already on its way is dropped, as it may
   *  predate the change, and the request is made again once it is in. */
  refresh(): void;
  /** No more requests, and answers still on their way are ignored (the page is left). */
  stop(): void;
}

/** Loads at once, then `intervalMs` after each answer (or failure) until stopped. */
export function pollAlerts(options: AlertPollOptions): AlertPoll {
  const intervalMs = options.intervalMs ?? kAlertPollMs;
  const timers = options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let loading = false;
  let again = false;

  const tick = async (): Promise<void> => {
    timer = undefined;
    if (stopped) {
      return;
    }
    loading = true;
    try {
      const alerts = await options.load();
      if (!stopped && !again) {
        options.onAlerts(alerts);
      }
    } catch (error) {
      if (!stopped && !again) {
        options.onError(error);
      }
    } finally {
      loading = false;
    }
    if (stopped) {
      return;
    }
    if (again) {
      again = false;
      void tick();
    } else {
      timer = timers.setTimeout(() => void tick(), intervalMs);
    }
  };

  const refresh = () => {
    if (stopped) {
      return;
    }
    if (loading) {
      again = true;
      return;
    }
    if (timer !== undefined) {
      timers.clearTimeout(timer);
    }
    void tick();
  };

  void tick();
  return {
    refresh,
    stop: () => {
      stopped = true;
      if (timer !== undefined) {
        timers.clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}

/** `alerts` with `updated` in the place of the alert of the same id (the acknowledgement's
 *  answer, shown before the next poll). */
export function withAlert(alerts: readonly Alert[], updated: Alert): Alert[] {
  return alerts.map((alert) => (alert.id === updated.id ? updated : alert));
}

/** The alerts in `alerts` whose ids are not in `seen` (the ids shown before), and the ids to
 *  remember now: what a screen reader is told about is a new alert, not one it has read out. */
export function newAlerts(alerts: readonly Alert[], seen: ReadonlySet<number>): { fresh: Alert[]; seen: Set<number> } {
  return { fresh: alerts.filter((alert) => !seen.has(alert.id)), seen: new Set(alerts.map((alert) => alert.id)) };
}
