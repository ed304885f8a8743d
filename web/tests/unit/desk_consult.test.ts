import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import type { CallConsult, CallState, TransferTargets } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import {
  consultChoices,
  consultStage,
  consultStatus,
  consultStepLabel,
  consultSteps,
  sendConsultStep,
  type ConsultStage,
} from '../../src/pages/desk_consult';
import { errorText } from '../../src/ui/labels';
import { call } from './fixtures';

// The desk's consult (docs/api.md POST /api/v1/calls/{id}/consult, /consult/conference,
// /consult/complete, /consult/cancel): attended transfer and conference, following the live
// call's `consult`.

afterEach(() => setLanguage('en'));

const kSelf = 'a1002';
const consult = (state: CallConsult['state'], agent = 'a1003'): CallConsult => ({ agent, number: null, state, since_ms: 5_000 });
/** A consult of a number (another phone or an outside one): no agent. */
const consultNumber = (state: CallConsult['state']): CallConsult => ({ agent: null, number: '909121234567', state, since_ms: 5_000 });
const mine = (state: CallState = 'on-call', consulting: CallConsult | null = null) => call('c1', { state, agent: kSelf, consult: consulting });
const names = new Map([['a1002', 'Reza'], ['a1003', 'Omid']]);
const nameOf = (agent: string) => names.get(agent) ?? agent;
/** The text without the Unicode isolates around a name (report_figures.ts isolated). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('where the agent stands for a consult', () => {
  it('is the Consult control on a connected call, talking or on hold', () => {
    expect(consultStage(mine('on-call'), kSelf)).toBe('none');
    expect(consultStage(mine('on-hold'), kSelf)).toBe('none');
  });

  it("follows the call's consult: ringing, talking, conference", () => {
    expect(consultStage(mine('on-hold', consult('ringing')), kSelf)).toBe('ringing');
    expect(consultStage(mine('on-hold', consult('talking')), kSelf)).toBe('talking');
    expect(consultStage(mine('on-call', consult('conference')), kSelf)).toBe('conference');
  });

  it('is nothing without a connected call of the agent', () => {
    expect(consultStage(null, kSelf)).toBeNull();
    for (const state of ['waiting', 'ringing', 'callback-waiting', 'callback-dialing'] as CallState[]) {
      expect(consultStage(call('c1', { state, agent: kSelf }), kSelf), state).toBeNull();
    }
    expect(consultStage(call('c1', { state: 'on-call', agent: 'a1001' }), kSelf)).toBeNull();
  });

  it('is "consulted" for the colleague, whose desk shows the call but not its steps', () => {
    const theirs = call('c1', { state: 'on-hold', agent: 'a1001', consult: consult('talking', kSelf) });
    expect(consultStage(theirs, kSelf)).toBe('consulted');
    expect(consultSteps('consulted')).toEqual([]);
  });
});

describe('the consult buttons', () => {
  it('are none before a consult: the list of colleagues and Consult instead', () => {
    expect(consultSteps('none')).toEqual([]);
    expect(consultSteps(null)).toEqual([]);
  });

  it('are Cancel only while the colleague rings (the server refuses the rest until they answer)', () => {
    expect(consultSteps('ringing')).toEqual(['cancel']);
    expect(consultStepLabel('cancel', 'ringing', 'Omid')).toBe('Cancel (X)');
  });

  it('are Complete transfer, Conference and Cancel (back to the caller) while the agents talk', () => {
    expect(consultSteps('talking')).toEqual(['complete', 'conference', 'cancel']);
    expect(consultSteps('talking').map((step) => consultStepLabel(step, 'talking', 'Omid'))).toEqual([
      'Complete transfer (K)',
      'Conference (J)',
      'Cancel: back to the caller (X)',
    ]);
  });

  it('are Leave and Drop the colleague in a conference', () => {
    expect(consultSteps('conference')).toEqual(['complete', 'cancel']);
    expect(consultSteps('conference').map((step) => plain(consultStepLabel(step, 'conference', 'Omid')))).toEqual(['Leave (K)', 'Drop Omid (X)']);
  });

  it('name the number consulted, in Latin digits left to right', () => {
    expect(consultStepLabel('cancel', 'conference', { number: '909121234567' })).toBe('Drop \u2066909121234567\u2069 (X)');
    setLanguage('fa');
    expect(consultStepLabel('cancel', 'conference', { number: '909121234567' })).toBe('خارج کردن \u2066909121234567\u2069 (X)');
  });

  it('are in Persian and Arabic too, the name kept apart from the right-to-left text', () => {
    setLanguage('fa');
    expect(consultStepLabel('complete', 'talking', 'Omid')).toBe('تکمیل انتقال (K)');
    expect(consultStepLabel('cancel', 'conference', 'Agent 1003')).toBe('خارج کردن \u2068Agent 1003\u2069 (X)');
    setLanguage('ar');
    expect(consultStepLabel('conference', 'talking', 'Omid')).toBe('مؤتمر ثلاثي (J)');
  });
});

describe('the line saying where the consult stands', () => {
  const status = (stage: ConsultStage | null, c: ReturnType<typeof mine>) => plain(consultStatus(c, stage, nameOf));

  it('names the colleague at each stage', () => {
    expect(status('ringing', mine('on-hold', consult('ringing')))).toBe('Calling Omid…');
    expect(status('talking', mine('on-hold', consult('talking')))).toBe('Consulting Omid — caller on hold');
    expect(status('conference', mine('on-call', consult('conference')))).toBe('Conference with Omid');
  });

  it('names the agent of the call on the desk of the colleague consulted', () => {
    const theirs = (state: CallConsult['state']) => call('c1', { state: 'on-hold', agent: 'a1003', consult: consult(state, kSelf) });
    expect(status('consulted', theirs('ringing'))).toBe('Omid is consulting you about this call');
    expect(status('consulted', theirs('talking'))).toBe('Omid is consulting you about this call');
    expect(status('consulted', theirs('conference'))).toBe('Conference with Omid');
  });

  it('is empty without a consult, and gives the id of a colleague whose name is not known', () => {
    expect(status('none', mine())).toBe('');
    expect(status(null, call('c1'))).toBe('');
    expect(status('ringing', mine('on-hold', consult('ringing', 'a1009')))).toBe('Calling a1009…');
  });

  it('names the number when the agent consults one, in Latin digits left to right', () => {
    const number = (state: CallConsult['state']) => consultStatus(mine(state === 'conference' ? 'on-call' : 'on-hold', consultNumber(state)), state, nameOf);
    expect(consultStage(mine('on-hold', consultNumber('talking')), kSelf)).toBe('talking');
    expect(number('ringing')).toBe('Calling \u2066909121234567\u2069…');
    expect(number('talking')).toBe('Consulting \u2066909121234567\u2069 — caller on hold');
    expect(number('conference')).toBe('Conference with \u2066909121234567\u2069');
    setLanguage('fa');
    expect(number('talking')).toBe('در حال مشورت با \u2066909121234567\u2069 — تماس‌گیرنده در انتظار');
    expect(number('conference')).toBe('کنفرانس با \u2066909121234567\u2069');
  });

  it('reads right to left in Persian, the name isolated', () => {
    setLanguage('fa');
    expect(consultStatus(mine('on-hold', consult('talking')), 'talking', () => 'Agent 1003')).toBe(
      'در حال مشورت با \u2068Agent 1003\u2069 — تماس‌گیرنده در انتظار',
    );
  });
});

describe('the colleagues to consult', () => {
  const targets: TransferTargets = {
    queues: [{ name: 'sales' }],
    agents: [
      { id: 'a1001', name: 'Sara', free: false },
      { id: 'a1002', name: 'Reza', free: true },
      { id: 'a1003', name: 'Omid', free: true },
    ],
  };

  it('are every logged-in colleague but the agent themself, by agent id; no queues', () => {
    expect(consultChoices(targets, kSelf).map((choice) => choice.value)).toEqual(['a1001', 'a1003']);
  });

  it('show busy ones as busy, not to be chosen: only a free colleague can be consulted', () => {
    expect(consultChoices(targets, kSelf)).toEqual([
      { value: 'a1001', label: 'Sara (busy)', disabled: true },
      { value: 'a1003', label: 'Omid', disabled: false },
    ]);
  });
});

describe('the consult requests', () => {
  function recorder() {
    const sent: { url: string; method: string; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
      return new Response(JSON.stringify({ at_ms: 1, call: mine() }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    return { sent, api: createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' })) };
  }

  it('name the colleague to ring', async () => {
    const { sent, api } = recorder();
    await api.consultColleague('c 1', 'a1003');
    expect(sent).toEqual([{ url: '/api/v1/calls/c%201/consult', method: 'POST', body: { agent: 'a1003' } }]);
  });

  it('send a number consulted alone, with no agent', async () => {
    const { sent, api } = recorder();
    await api.consultNumber('c1', '909121234567');
    expect(sent).toEqual([{ url: '/api/v1/calls/c1/consult', method: 'POST', body: { number: '909121234567' } }]);
  });

  it('post each step to its own path, with no body', async () => {
    const { sent, api } = recorder();
    await sendConsultStep(api, 'c1', 'conference');
    await sendConsultStep(api, 'c1', 'complete');
    await sendConsultStep(api, 'c1', 'cancel');
    expect(sent).toEqual([
      { url: '/api/v1/calls/c1/consult/conference', method: 'POST', body: undefined },
      { url: '/api/v1/calls/c1/consult/complete', method: 'POST', body: undefined },
      { url: '/api/v1/calls/c1/consult/cancel', method: 'POST', body: undefined },
    ]);
  });

  it("show a refusal with the server's reason, as the other desk controls do", async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: { code: 'conflict', message: "agent 'a1003' has not answered the consult of call 'c1' yet", field: null } }), {
        status: 409,
        headers: { 'Content-Type': 'application/json' },
      })) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => '' }));
    const refused = await sendConsultStep(api, 'c1', 'complete').catch((error: unknown) => errorText(error));
    expect(refused).toContain("agent 'a1003' has not answered the consult of call 'c1' yet");
  });
});
