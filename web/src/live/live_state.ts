import type { Agent, Call, QueueStats, Topic, WsMessage } from '../api/types';

/** What the page knows of the centre, built from the WebSocket's snapshot and deltas
 *  (docs/api.md "WebSocket"). Immutable: applyMessage returns a new state. */
export interface LiveState {
  /** seq of the last frame applied; 0 before the first snapshot. */
  seq: number;
  /** at_ms of the last frame. */
  atMs: number;
  /** Server time minus this browser's time, from the last frame (for running clocks). */
  serverOffsetMs: number;
  topics: Topic[];
  queues: Map<string, QueueStats>;
  /** Queue names in the order the server listed them (configured order). */
  queueOrder: string[];
  totals: QueueStats | null;
  agents: Map<string, Agent>;
  calls: Map<string, Call>;
}

export interface ApplyResult {
  state: LiveState;
  /** The frame does not follow the last one (a delta before any snapshot, or a gap in seq):
   *  the connection must be reopened for a fresh snapshot. */
  resync: boolean;
}

export function emptyLiveState(): LiveState {
  return {
    seq: 0,
    atMs: 0,
    serverOffsetMs: 0,
    topics: [],
    queues: new Map(),
    queueOrder: [],
    totals: null,
    agents: new Map(),
    calls: new Map(),
  };
}

function byKey<T>(items: T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function queueName(queue: QueueStats): string {
  return queue.queue ?? '';
}

/** Applies one frame received at `receivedAtMs` (this browser's clock). */
export function applyMessage(state: LiveState, message: WsMessage, receivedAtMs: number): ApplyResult {
  const timing = { atMs: message.at_ms, serverOffsetMs: message.at_ms - receivedAtMs };
  if (message.type === 'snapshot') {
    return {
      resync: false,
      state: {
        ...timing,
        seq: message.seq,
        topics: [...message.topics],
        queues: byKey(message.queues, queueName),
        queueOrder: message.queues.map(queueName),
        totals: message.totals,
        agents: byKey(message.agents, (agent) => agent.id),
        calls: byKey(message.calls, (call) => call.id),
      },
    };
  }
  if (state.seq === 0 || message.seq !== state.seq + 1) {
    return { state, resync: true };
  }
  if (message.type === 'heartbeat') {
    return { resync: false, state: { ...state, ...timing, seq: message.seq } };
  }
  const next: LiveState = { ...state, ...timing, seq: message.seq };
  if (message.queues?.length) {
    next.queues = new Map(state.queues);
    next.queueOrder = [...state.queueOrder];
    for (const queue of message.queues) {
      const name = queueName(queue);
      if (!next.queues.has(name)) {
        next.queueOrder.push(name);
      }
      next.queues.set(name, queue);
    }
  }
  if (message.totals) {
    next.totals = message.totals;
  }
  if (message.agents?.length || message.agents_removed?.length) {
    next.agents = new Map(state.agents);
    for (const id of message.agents_removed ?? []) {
      next.agents.delete(id);
    }
    for (const agent of message.agents ?? []) {
      next.agents.set(agent.id, agent);
    }
  }
  if (message.calls?.length || message.calls_removed?.length) {
    next.calls = new Map(state.calls);
    for (const id of message.calls_removed ?? []) {
      next.calls.delete(id);
    }
    for (const call of message.calls ?? []) {
      next.calls.set(call.id, call);
    }
  }
  return { state: next, resync: false };
}

/** The server's clock now, as far as this browser can tell. */
export function serverNow(state: LiveState, localNowMs: number): number {
  return localNowMs + state.serverOffsetMs;
}

/** Time since a server instant (a state change, a join), never negative. */
export function elapsedSince(instantMs: number, state: LiveState, localNowMs: number): number {
  return Math.max(0, serverNow(state, localNowMs) - instantMs);
}

/** Queues in the server's order. */
export function orderedQueues(state: LiveState): QueueStats[] {
  return state.queueOrder
    .map((name) => state.queues.get(name))
    .filter((queue): queue is QueueStats => queue !== undefined);
}

/** Agents by id (the server's order for lists). */
export function sortedAgents(state: LiveState): Agent[] {
  return [...state.agents.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Calls by queue order, then waiting position (head first), then join time. */
export function sortedCalls(state: LiveState): Call[] {
  const queueRank = new Map(state.queueOrder.map((name, i) => [name, i]));
  return [...state.calls.values()].sort(
    (a, b) =>
      (queueRank.get(a.queue) ?? 1e9) - (queueRank.get(b.queue) ?? 1e9) ||
      (a.position ?? 1e9) - (b.position ?? 1e9) ||
      a.joined_at_ms - b.joined_at_ms,
  );
}
