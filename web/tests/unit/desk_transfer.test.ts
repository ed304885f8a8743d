import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import type { CallState, TransferTargets } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import { canTransfer, transferChoices, transferTo } from '../../src/pages/desk_transfer';
import {
  dialledNumber,
  kMaxTransferNumberLength,
  transferNumber,
  transferNumberProblemText,
  transferredToNumberText,
  transferToNumber,
} from '../../src/pages/desk_transfer_number';
import { errorText } from '../../src/ui/labels';
import { call } from './fixtures';

// The desk's Transfer list (docs/api.md GET /api/v1/transfer-targets): queues and colleagues
// in one select; and the transfer to a number typed (POST /api/v1/calls/{id}/transfer with
// {"number"} alone).

afterEach(() => setLanguage('en'));

const targets: TransferTargets = {
  queues: [{ name: 'sales' }, { name: 'support' }],
  agents: [
    { id: 'a1001', name: 'Sara', free: false },
    { id: 'a1002', name: 'Reza', free: true },
    { id: 'a1003', name: 'Omid', free: true },
  ],
};

describe('transfer choices', () => {
  it('offer every queue and every colleague but the agent themself', () => {
    const choices = transferChoices(targets, 'a1002');
    expect(choices.queues.map((c) => c.value)).toEqual(['queue:sales', 'queue:support']);
    expect(choices.colleagues.map((c) => c.value)).toEqual(['agent:a1001', 'agent:a1003']);
  });

  it('show busy colleagues as busy, not to be chosen', () => {
    const [busy, free] = transferChoices(targets, 'a1002').colleagues;
    expect(busy).toEqual({ value: 'agent:a1001', label: 'Sara (busy)', disabled: true });
    expect(free).toEqual({ value: 'agent:a1003', label: 'Omid', disabled: false });
    setLanguage('fa');
    expect(transferChoices(targets, 'a1002').colleagues[0]!.label).toBe('Sara (مشغول)');
  });

  it('list every colleague for someone who is not an agent (a supervisor on the desk)', () => {
    expect(transferChoices(targets, null).colleagues).toHaveLength(3);
  });
});

describe('a chosen transfer', () => {
  it('is the request body: a queue, or a colleague alone (rung in the call queue)', () => {
    expect(transferTo('queue:support')).toEqual({ queue: 'support' });
    expect(transferTo('agent:a1003')).toEqual({ agent: 'a1003' });
    expect(transferTo('queue:a:b')).toEqual({ queue: 'a:b' });
  });

  it('is nothing for the placeholder or a value of another kind', () => {
    expect(transferTo('')).toBeNull();
    expect(transferTo('queue:')).toBeNull();
    expect(transferTo('sales')).toBeNull();
    expect(transferTo('user:manager')).toBeNull();
  });
});

describe('a number typed to transfer to', () => {
  it('is sent as typed when it has digits, +, * and # only', () => {
    expect(transferNumber('909121234567')).toEqual({ number: '909121234567' });
    expect(transferNumber('1003')).toEqual({ number: '1003' });
    expect(transferNumber('+989121234567')).toEqual({ number: '+989121234567' });
    expect(transferNumber('*31#')).toEqual({ number: '*31#' });
    expect(transferNumber('7')).toEqual({ number: '7' });
  });

  it('loses the spaces around it, and its Persian or Arabic digits are sent as Latin ones', () => {
    expect(transferNumber('  1003 ')).toEqual({ number: '1003' });
    expect(transferNumber('۹۰۹۱۲۱۲۳۴۵۶۷')).toEqual({ number: '909121234567' });
    expect(transferNumber('٩٠٩١٢١٢٣٤٥٦٧')).toEqual({ number: '909121234567' });
  });

  it('is refused before it is sent when empty', () => {
    expect(transferNumber('')).toEqual({ problem: 'missing' });
    expect(transferNumber('   ')).toEqual({ problem: 'missing' });
  });

  it('is refused with a letter, a space, a dash or anything else a phone cannot dial', () => {
    for (const typed of ['12a4', '0912 123 4567', '0912-123-4567', '(021)1234', '1003.', 'sales', '+98 912']) {
      expect(transferNumber(typed), typed).toEqual({ problem: 'characters' });
    }
  });

  it('is 1 to 32 characters, as the server takes', () => {
    expect(kMaxTransferNumberLength).toBe(32);
    expect(transferNumber('9'.repeat(32))).toEqual({ number: '9'.repeat(32) });
    expect(transferNumber('9'.repeat(33))).toEqual({ problem: 'too_long' });
  });

  it('says what is wrong, in English, Persian and Arabic, the limit in the reader digits', () => {
    expect(transferNumberProblemText('missing')).toBe('Type the number to transfer the caller to.');
    expect(transferNumberProblemText('characters')).toBe('A number has digits, +, * and # only.');
    expect(transferNumberProblemText('too_long')).toBe('A number has at most 32 characters.');
    setLanguage('fa');
    expect(transferNumberProblemText('too_long')).toBe('شماره حداکثر ۳۲ نویسه دارد.');
    expect(transferNumberProblemText('characters')).toBe('شماره فقط رقم و +، * و # دارد.');
    setLanguage('ar');
    expect(transferNumberProblemText('too_long')).toBe('لا يتجاوز الرقم ٣٢ حرفًا.');
  });

  it('is named after the transfer in Latin digits, left to right, whatever the language', () => {
    expect(dialledNumber('+989121234567')).toBe('\u2066+989121234567\u2069');
    expect(transferredToNumberText('909121234567')).toBe('Call transferred to \u2066909121234567\u2069');
    setLanguage('fa');
    expect(transferredToNumberText('909121234567')).toBe('تماس به شماره \u2066909121234567\u2069 منتقل شد');
    setLanguage('ar');
    expect(transferredToNumberText('909121234567')).toBe('تم تحويل المكالمة إلى الرقم \u2066909121234567\u2069');
  });
});

describe('the transfer to a number request', () => {
  function recorder(status = 200, reply: unknown = { at_ms: 1, call: call('c1') }) {
    const sent: { url: string; method: string; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
      return new Response(JSON.stringify(reply), { status, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    return { sent, api: createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' })) };
  }

  it('sends the number alone: no queue, no agent', async () => {
    const { sent, api } = recorder();
    const checked = transferNumber(' ۹۰۹۱۲۱۲۳۴۵۶۷ ');
    expect('number' in checked).toBe(true);
    await api.transferCall('c 1', transferToNumber((checked as { number: string }).number));
    expect(sent).toEqual([{ url: '/api/v1/calls/c%201/transfer', method: 'POST', body: { number: '909121234567' } }]);
    expect(Object.keys(sent[0]!.body as object)).toEqual(['number']);
  });

  it("shows a refusal with the server's reason, as the other desk controls do", async () => {
    const message = 'number: 1002 (class agents) may not dial 00882123456789';
    const { api } = recorder(400, { error: { code: 'invalid_value', message, field: 'number' } });
    const refused = await api.transferCall('c1', transferToNumber('900882123456789')).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 400, field: 'number' });
    expect(errorText(refused)).toBe(`The request was not accepted. (${message})`);
  });
});

describe('hold and transfer (to a queue, a colleague or a number)', () => {
  const connected = (state: CallState, consulting: 'ringing' | 'talking' | 'conference' | null = null) =>
    call('c1', { state, agent: 'a1002', consult: consulting && { agent: 'a1003', number: null, state: consulting, since_ms: 1_000 } });

  it('are open on a connected call, talking or on hold', () => {
    expect(canTransfer(connected('on-call'))).toBe(true);
    expect(canTransfer(connected('on-hold'))).toBe(true);
  });

  it('wait for a consult, at every stage of it (the server refuses them meanwhile)', () => {
    expect(canTransfer(connected('on-hold', 'ringing'))).toBe(false);
    expect(canTransfer(connected('on-hold', 'talking'))).toBe(false);
    expect(canTransfer(connected('on-call', 'conference'))).toBe(false);
  });

  it('are off without a connected call', () => {
    expect(canTransfer(null)).toBe(false);
    for (const state of ['waiting', 'ringing', 'callback-waiting', 'callback-dialing'] as CallState[]) {
      expect(canTransfer(connected(state)), state).toBe(false);
    }
  });
});
