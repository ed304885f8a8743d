// Reconnection delay (docs/api.md: from 1 s doubling to 30 s, plus jitter so that hundreds of
// wallboards do not all come back in the same millisecond after a restart).

export const kFirstDelayMs = 1000;
export const kMaxDelayMs = 30_000;

/** Delay before reconnect attempt `attempt` (0 = first); `random` is in [0, 1). */
export function reconnectDelayMs(attempt: number, random: number): number {
  const base = Math.min(kMaxDelayMs, kFirstDelayMs * 2 ** Math.min(attempt, 16));
  // Up to a quarter more, never beyond the ceiling.
  return Math.min(kMaxDelayMs, Math.round(base * (1 + random / 4)));
}
