import type { Agent, Call, CallRecord } from '../../../src/api/types';
import { ApiSession, restoreAgent } from './api_session';
import { WaitingCall } from './waiting_call';

/** Polls `probe` every 100 ms until it gives a value (not undefined); fails after `timeoutMs`,
 *  saying what was awaited and what was seen last. */
export async function until<T>(probe: () => Promise<T | undefined>, what: () => string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`not within ${timeoutMs} ms: ${what()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Makes `agent` available: a paused or not-ready desk is made ready, a wrap-up (or a call,
 *  with a state pending after it) waited out. Their phone must be registered already. */
export async function makeAvailable(api: ApiSession, agent: string, timeoutMs = 15_000): Promise<void> {
  let last: Agent | undefined;
  await until(
    async () => {
      last = (await api.agents()).find((a) => a.id === agent);
      if (last?.state === 'logged-out') {
        await api.raw('POST', `/api/v1/agents/${agent}/login`, {});
      } else if (last?.state === 'paused' || last?.state === 'not-ready') {
        // A desk whose phone has just registered may turn ready by itself meanwhile: 409 then.
        await api.raw('POST', `/api/v1/agents/${agent}/state`, { state: 'available' });
      }
      return last?.state === 'available' ? true : undefined;
    },
    () => `${agent} available (last seen: ${last?.state})`,
    timeoutMs,
  );
}

/** A customer calling sales (number 200) from extension `from`, connected to `agent`, whose
 *  phone must answer and stay on the line (AnsweringPhones). The other sales agents who are
 *  free are paused meanwhile, so that the call goes to `agent`; end() puts them back. */
export class ConnectedCall {
  private callId = '';
  private caller: WaitingCall | undefined;
  private readonly toRestore: Agent[] = [];

  private constructor(private readonly api: ApiSession) {}

  get id(): string {
    return this.callId;
  }

  /** `callerScenario`: another form of waiting_call.xml (talking_audio.ts: a caller who talks).
   *  `holdMs`: the caller hangs up by themselves that long after Markaz answered them (a call
   *  sent out of the queues, which the API no longer hangs up, ends so). */
  static async start(api: ApiSession, agent: string, from: string, callerScenario?: string, holdMs = 60_000): Promise<ConnectedCall> {
    const connected = new ConnectedCall(api);
    try {
      await connected.connect(agent, from, callerScenario, holdMs);
    } catch (error) {
      await connected.end();
      throw error;
    }
    return connected;
  }

  private async connect(agent: string, from: string, callerScenario: string | undefined, holdMs: number): Promise<void> {
    const agents = await this.api.agents();
    const others = agents.filter((a) => a.queues.includes('sales') && a.state === 'available' && a.id !== agent);
    const me = agents.find((a) => a.id === agent);
    if (!me) {
      throw new Error(`${agent} is not within ${this.api.username}'s scope`);
    }
    // Their phone has registered, so available is where they are, or are about to be.
    this.toRestore.push(...others, { ...me, state: 'available', reason: '' });
    for (const other of others) {
      await this.api.setState(other.id, 'paused', 'meeting');
    }
    await makeAvailable(this.api, agent);
    this.caller = await WaitingCall.start('200', holdMs, from, callerScenario);
    let seen: Call | undefined;
    await until(
      async () => {
        seen = (await this.api.calls()).find((c) => c.caller === from) ?? seen;
        this.callId = seen?.id ?? '';
        return seen?.state === 'on-call' && seen.agent === agent ? seen : undefined;
      },
      () => `a call from ${from} on the line with ${agent} (last seen: ${JSON.stringify(seen ?? null)})`,
      10_000,
    );
  }

  /** Hangs the call up wherever it is now and puts the others back as they were. The agent is
   *  made available again at once (a wrap-up ended), so that unregistering their phone leaves
   *  the desk as Markaz starts it: not ready, waiting for the phone. */
  async end(): Promise<void> {
    if (this.callId) {
      await this.api.hangUp(this.callId).catch(() => undefined);
    }
    await this.caller?.stop(2_000);
    for (const agent of this.toRestore.reverse()) {
      await restoreAgent(this.api, agent).catch(() => undefined);
    }
  }
}

/** The finished call `id` as `reader` gets it (GET /api/v1/call-records/{id}) once its record
 *  is written — when the call has ended — and, with `recorded`, once it has its recording. */
export async function finishedCall(reader: ApiSession, id: string, options: { recorded?: boolean } = {}): Promise<CallRecord> {
  let seen: { status: number; body: { record?: CallRecord } } | undefined;
  return until(
    async () => {
      seen = await reader.raw('GET', `/api/v1/call-records/${id}`);
      const record = seen.status === 200 ? seen.body.record : undefined;
      return record && (!options.recorded || record.recorded) ? record : undefined;
    },
    () => `the call record ${id}${options.recorded ? ' with its recording' : ''} (last answer: ${JSON.stringify(seen ?? null)})`,
    5_000,
  );
}

/** A call from `from` to `agent` (ConnectedCall) that talks for `talkMs` and ends: its record,
 *  recorded, as `reader` finds it. */
export async function recordedCall(
  api: ApiSession,
  reader: ApiSession,
  call: { agent: string; from: string; talkMs: number; callerScenario?: string },
): Promise<CallRecord> {
  const connected = await ConnectedCall.start(api, call.agent, call.from, call.callerScenario);
  try {
    await new Promise((resolve) => setTimeout(resolve, call.talkMs));
  } finally {
    await connected.end();
  }
  return finishedCall(reader, connected.id, { recorded: true });
}
