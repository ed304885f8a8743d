import { afterEach, describe, expect, it } from 'vitest';
import type { CallConsult } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import { callNote, consultNote } from '../../src/pages/console_consult';

// The supervisor console's live calls say whom a call's agent consults and how (docs/api.md
// Call.consult), beside the supervisors in the call.

afterEach(() => setLanguage('en'));

const consult = (state: CallConsult['state'], agent = 'a1003'): CallConsult => ({ agent, number: null, state, since_ms: 5_000 });
/** A consult of a number (another phone or an outside one): no agent. */
const consultNumber = (state: CallConsult['state']): CallConsult => ({ agent: null, number: '909121234567', state, since_ms: 5_000 });
const names = new Map([['a1003', 'Agent 1003']]);
const nameOf = (agent: string) => names.get(agent) ?? agent;
/** The text without the Unicode isolates around a name (report_figures.ts isolated). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');

describe('the console note on a consult', () => {
  it('names the colleague at each stage, in English', () => {
    expect(plain(consultNote(consult('ringing'), nameOf))).toBe('Ringing Agent 1003');
    expect(plain(consultNote(consult('talking'), nameOf))).toBe('Consulting Agent 1003');
    expect(plain(consultNote(consult('conference'), nameOf))).toBe('Conference with Agent 1003');
  });

  it('names the colleague at each stage in Persian, the name kept apart from the right-to-left text', () => {
    setLanguage('fa');
    expect(consultNote(consult('ringing'), nameOf)).toBe('در حال تماس با \u2068Agent 1003\u2069');
    expect(consultNote(consult('talking'), nameOf)).toBe('در حال مشورت با \u2068Agent 1003\u2069');
    expect(consultNote(consult('conference'), nameOf)).toBe('کنفرانس با \u2068Agent 1003\u2069');
  });

  it('is in Arabic too', () => {
    setLanguage('ar');
    expect(plain(consultNote(consult('talking'), nameOf))).toBe('يستشير Agent 1003');
    expect(plain(consultNote(consult('conference'), nameOf))).toBe('مؤتمر مع Agent 1003');
  });

  it('gives the id of a colleague the console does not know, and nothing without a consult', () => {
    expect(plain(consultNote(consult('talking', 'a1009'), nameOf))).toBe('Consulting a1009');
    expect(consultNote(null, nameOf)).toBe('');
  });

  it('names the number when the agent consults one, in Latin digits left to right', () => {
    expect(consultNote(consultNumber('ringing'), nameOf)).toBe('Ringing \u2066909121234567\u2069');
    expect(consultNote(consultNumber('talking'), nameOf)).toBe('Consulting \u2066909121234567\u2069');
    expect(consultNote(consultNumber('conference'), nameOf)).toBe('Conference with \u2066909121234567\u2069');
    setLanguage('fa');
    expect(consultNote(consultNumber('talking'), nameOf)).toBe('در حال مشورت با \u2066909121234567\u2069');
  });

  it('says where a call sent out of the queues went, the number left to right in every language', () => {
    const out = { state: 'transferred-out' as const, transferred_to: '909121234567', consult: null };
    expect(callNote(out, nameOf)).toBe('Sent to \u2066909121234567\u2069');
    setLanguage('fa');
    expect(callNote(out, nameOf)).toBe('فرستاده‌شده به \u2066909121234567\u2069');
    setLanguage('ar');
    expect(callNote(out, nameOf)).toBe('أُرسلت إلى \u2066909121234567\u2069');
    expect(callNote({ state: 'on-hold', transferred_to: null, consult: consult('talking') }, nameOf)).toBe(
      'يستشير \u2068Agent 1003\u2069',
    );
  });
});
