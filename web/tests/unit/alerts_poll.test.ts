import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../../src/api/types';
import { kAlertPollMs, newAlerts, pollAlerts, withAlert } from '../../src/pages/alerts_poll';
import { alert } from './fixtures';

// The console's and the wallboard's polling of GET /api/v1/alerts?active=true: every 5 s, one
// request at a time, stopped when the page is left, and asked again after an acknowledgement.

/** A load() whose answers the test gives one by one. */
function server() {
  const pending: { resolve: (alerts: Alert[]) => void; reject: (error: unknown) => void }[] = [];
  const load = vi.fn(() => new Promise<Alert[]>((resolve, reject) => pending.push({ resolve, reject })));
  const answer = async (alerts: Alert[]) => {
    pending.shift()!.resolve(alerts);
    await vi.advanceTimersByTimeAsync(0);
  };
  const fail = async (error: unknown) => {
    pending.shift()!.reject(error);
    await vi.advanceTimersByTimeAsync(0);
  };
  return { load, answer, fail, pending };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('polling the alerts', () => {
  it('asks at once, then every 5 s after each answer', async () => {
    const s = server();
    const onAlerts = vi.fn();
    const poll = pollAlerts({ load: s.load, onAlerts, onError: vi.fn() });
    expect(s.load).toHaveBeenCalledTimes(1);
    await s.answer([alert(1)]);
    expect(onAlerts).toHaveBeenLastCalledWith([alert(1)]);
    await vi.advanceTimersByTimeAsync(kAlertPollMs - 1);
    expect(s.load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.load).toHaveBeenCalledTimes(2);
    await s.answer([]);
    expect(onAlerts).toHaveBeenLastCalledWith([]);
    poll.stop();
  });

  it('never piles up requests behind a slow server', async () => {
    const s = server();
    const poll = pollAlerts({ load: s.load, onAlerts: vi.fn(), onError: vi.fn() });
    await vi.advanceTimersByTimeAsync(kAlertPollMs * 10);
    expect(s.load).toHaveBeenCalledTimes(1);
    await s.answer([]);
    await vi.advanceTimersByTimeAsync(kAlertPollMs);
    expect(s.load).toHaveBeenCalledTimes(2);
    poll.stop();
  });

  it('keeps polling after a failure, and says so', async () => {
    const s = server();
    const onError = vi.fn();
    const onAlerts = vi.fn();
    const poll = pollAlerts({ load: s.load, onAlerts, onError });
    await s.fail(new Error('down'));
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onAlerts).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(kAlertPollMs);
    await s.answer([alert(1)]);
    expect(onAlerts).toHaveBeenCalledWith([alert(1)]);
    poll.stop();
  });

  it('stops when the page is left: no more requests, and a late answer is ignored', async () => {
    const s = server();
    const onAlerts = vi.fn();
    const poll = pollAlerts({ load: s.load, onAlerts, onError: vi.fn() });
    poll.stop();
    await s.answer([alert(1)]);
    await vi.advanceTimersByTimeAsync(kAlertPollMs * 3);
    expect(onAlerts).not.toHaveBeenCalled();
    expect(s.load).toHaveBeenCalledTimes(1);
    poll.refresh();
    expect(s.load).toHaveBeenCalledTimes(1);
  });

  it('asks again at once on refresh, without waiting for the 5 s', async () => {
    const s = server();
    const poll = pollAlerts({ load: s.load, onAlerts: vi.fn(), onError: vi.fn() });
    await s.answer([]);
    poll.refresh();
    expect(s.load).toHaveBeenCalledTimes(2);
    await s.answer([]);
    // The timer restarts from this answer: one more request 5 s later, not two.
    await vi.advanceTimersByTimeAsync(kAlertPollMs);
    expect(s.load).toHaveBeenCalledTimes(3);
    poll.stop();
  });

  it('drops an answer that was on its way during a refresh (it may predate the acknowledgement) and asks again', async () => {
    const s = server();
    const onAlerts = vi.fn();
    const poll = pollAlerts({ load: s.load, onAlerts, onError: vi.fn() });
    poll.refresh();
    poll.refresh();
    expect(s.load).toHaveBeenCalledTimes(1);
    await s.answer([alert(1)]);
    expect(onAlerts).not.toHaveBeenCalled();
    expect(s.load).toHaveBeenCalledTimes(2);
    const acknowledged = alert(1, { acknowledged_by: 'supervisor', acknowledged_at_ms: 2_000 });
    await s.answer([acknowledged]);
    expect(onAlerts).toHaveBeenCalledExactlyOnceWith([acknowledged]);
    poll.stop();
  });
});

describe('the alerts shown', () => {
  it('take the acknowledgement answer in place of the alert', () => {
    const acknowledged = alert(2, { acknowledged_by: 'manager', acknowledged_at_ms: 5 });
    expect(withAlert([alert(3), alert(2), alert(1)], acknowledged)).toEqual([alert(3), acknowledged, alert(1)]);
    expect(withAlert([alert(1)], acknowledged)).toEqual([alert(1)]);
  });

  it('tell a screen reader about new alerts only', () => {
    const first = newAlerts([alert(1)], new Set());
    expect(first.fresh.map((a) => a.id)).toEqual([1]);
    const second = newAlerts([alert(2), alert(1, { acknowledged_by: 'supervisor' })], first.seen);
    expect(second.fresh.map((a) => a.id)).toEqual([2]);
    // A cleared alert is forgotten; the ids are the server's, never reused.
    expect([...newAlerts([alert(2)], second.seen).seen]).toEqual([2]);
  });
});
