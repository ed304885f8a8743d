import { describe, expect, it } from 'vitest';
import type { WsSnapshot } from '../../src/api/types';
import { reconnectDelayMs } from '../../src/live/backoff';
import { applyMessage, elapsedSince, emptyLiveState, orderedQueues, sortedCalls } from '../../src/live/live_state';
import { agent, call, queueStats } from './fixtures';

function snapshot(overrides: Partial<WsSnapshot> = {}): WsSnapshot {
  return {
    type: 'snapshot', seq: 1, at_ms: 10_000, topics: ['agents', 'queues', 'calls'],
    queues: [queueStats('sales', { waiting: 1 }), queueStats('support')],
    totals: queueStats(null, { waiting: 1 }),
    agents: [agent('a1001'), agent('a1006', { queues: ['support'] })],
    calls: [call('c1')],
    ...overrides,
  };
}

function loaded() {
  return applyMessage(emptyLiveState(), snapshot(), 9_000).state;
}

describe('live state', () => {
  it('takes everything from a snapshot, with the server clock offset', () => {
    const state = loaded();
    expect(state.seq).toBe(1);
    expect(state.serverOffsetMs).toBe(1_000);
    expect(orderedQueues(state).map((q) => q.queue)).toEqual(['sales', 'support']);
    expect([...state.agents.keys()]).toEqual(['a1001', 'a1006']);
    expect(state.calls.get('c1')?.caller).toBe('2001');
    expect(state.totals?.waiting).toBe(1);
  });

  it('replaces changed agents, queues and calls whole from a delta and keeps the rest', () => {
    const before = loaded();
    const { state, resync } = applyMessage(
      before,
      {
        type: 'delta', seq: 2, at_ms: 10_250,
        agents: [agent('a1001', { state: 'paused', reason: 'lunch', state_changed_by: 'supervisor' })],
        queues: [queueStats('sales', { waiting: 2, oldest_joined_at_ms: 5_000 })],
        totals: queueStats(null, { waiting: 2 }),
        calls: [call('c2', { position: 2 })],
      },
      10_250,
    );
    expect(resync).toBe(false);
    expect(state.seq).toBe(2);
    expect(state.agents.get('a1001')).toMatchObject({ state: 'paused', reason: 'lunch', state_changed_by: 'supervisor' });
    expect(state.agents.get('a1006')?.state).toBe('available');
    expect(state.queues.get('sales')?.waiting).toBe(2);
    expect(state.queues.get('support')?.waiting).toBe(0);
    expect(state.totals?.waiting).toBe(2);
    expect(sortedCalls(state).map((c) => c.id)).toEqual(['c1', 'c2']);
    // The old state is untouched: applyMessage returns a new one.
    expect(before.agents.get('a1001')?.state).toBe('available');
    expect(before.calls.size).toBe(1);
  });

  it('removes agents and calls listed as removed', () => {
    const { state } = applyMessage(loaded(), { type: 'delta', seq: 2, at_ms: 10_250, agents_removed: ['a1006'], calls_removed: ['c1'] }, 10_250);
    expect([...state.agents.keys()]).toEqual(['a1001']);
    expect(state.calls.size).toBe(0);
  });

  it('applies removals before additions, so a call re-added in the same frame stays', () => {
    const { state } = applyMessage(loaded(), { type: 'delta', seq: 2, at_ms: 1, calls_removed: ['c1'], calls: [call('c1', { state: 'ringing', agent: 'a1001' })] }, 1);
    expect(state.calls.get('c1')?.state).toBe('ringing');
  });

  it('appends a queue it has not seen after the known ones', () => {
    const { state } = applyMessage(loaded(), { type: 'delta', seq: 2, at_ms: 1, queues: [queueStats('vip')] }, 1);
    expect(orderedQueues(state).map((q) => q.queue)).toEqual(['sales', 'support', 'vip']);
  });

  it('asks for a resync on a gap in seq or a delta before any snapshot', () => {
    expect(applyMessage(loaded(), { type: 'delta', seq: 3, at_ms: 1 }, 1).resync).toBe(true);
    expect(applyMessage(emptyLiveState(), { type: 'delta', seq: 1, at_ms: 1 }, 1).resync).toBe(true);
    expect(applyMessage(loaded(), { type: 'heartbeat', seq: 5, at_ms: 1 }, 1).resync).toBe(true);
  });

  it('moves seq and the clock on a heartbeat and changes nothing else', () => {
    const before = loaded();
    const { state, resync } = applyMessage(before, { type: 'heartbeat', seq: 2, at_ms: 20_000 }, 18_000);
    expect(resync).toBe(false);
    expect(state.seq).toBe(2);
    expect(state.serverOffsetMs).toBe(2_000);
    expect(state.agents).toBe(before.agents);
  });

  it('starts over from a later snapshot', () => {
    const { state } = applyMessage(loaded(), snapshot({ seq: 9, agents: [], calls: [], queues: [] }), 0);
    expect(state.seq).toBe(9);
    expect(state.agents.size).toBe(0);
    expect(orderedQueues(state)).toEqual([]);
  });

  it('runs clocks on server time and never below zero', () => {
    const state = loaded(); // server is 1 s ahead
    expect(elapsedSince(4_000, state, 9_000)).toBe(6_000);
    expect(elapsedSince(20_000, state, 9_000)).toBe(0);
  });
});

describe('reconnect delay', () => {
  it('starts at 1 s, doubles, and stops at 30 s', () => {
    expect(reconnectDelayMs(0, 0)).toBe(1_000);
    expect(reconnectDelayMs(1, 0)).toBe(2_000);
    expect(reconnectDelayMs(4, 0)).toBe(16_000);
    expect(reconnectDelayMs(5, 0)).toBe(30_000);
    expect(reconnectDelayMs(50, 0.99)).toBe(30_000);
  });

  it('adds up to a quarter of jitter', () => {
    expect(reconnectDelayMs(0, 0.5)).toBe(1_125);
  });
});
