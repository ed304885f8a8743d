import { afterEach, describe, expect, it } from 'vitest';
import { recordingUrl } from '../../src/api/endpoints';
import type { CallRecord, RecordMonitor } from '../../src/api/types';
import { calendarFor, dayFromIso, dayOfInstant, daysInMonth, fromCalendar, isoFromDay, monthName, startOfDay, toCalendar } from '../../src/format/calendar';
import { formatDateTime, formatShortDate } from '../../src/format/dates';
import { setLanguage } from '../../src/i18n/i18n';
import { legOutcome, monitorRows } from '../../src/pages/recording_facts';
import { canSetLegalHold, legalHoldView, offersLegalHold } from '../../src/pages/recording_legal_hold';
import { kSpeeds, playerKey, seekTarget } from '../../src/pages/recording_player';
import {
  agentLegs,
  apiQuery,
  defaultSearch,
  evaluationCount,
  normalizeCaller,
  pageOffset,
  pageQuery,
  pageRange,
  parseTalkSeconds,
  searchFromQuery,
  searchProblem,
  type RecordSearch,
} from '../../src/pages/recordings_query';
import { dispositionLabel, hangupSideLabel, monitorModeLabel } from '../../src/ui/labels';

// The Recordings page's pure parts: dates in the reader's calendar, the search in the address
// and in the API's query, talk times typed in any digits, paging, each agent's part of a call,
// who passed the caller to whom, the supervisors who were in the call, the player's jumps and
// keys, and a manager's legal hold.

afterEach(() => setLanguage('en'));

// 21 March 2025 is Nowruz: 1 Farvardin 1404.
const nowruz = dayFromIso('2025-03-21')!;

function record(overrides: Partial<CallRecord> = {}): CallRecord {
  return {
    id: 'c1', started_at_ms: Date.UTC(2025, 2, 21, 12), ended_at_ms: Date.UTC(2025, 2, 21, 12, 3), duration_ms: 180_000,
    caller: '09121234567', dialled: '200', queues: ['sales'], agent: 'a1001', agents: ['a1001'], wait_ms: 12_000,
    talk_ms: 150_000, hold_ms: 10_000, wrap_ms: 5_000, transfers: [], disposition: 'answered', hangup_side: 'caller',
    hangup_cause: 'caller hung up', ivr: { path: [], digits: '', variables: {} }, recorded: true, legal_hold: false,
    ...overrides,
  };
}

describe('days in the reader calendar', () => {
  it('are Jalali in Persian and Gregorian otherwise', () => {
    expect(calendarFor('fa')).toBe('persian');
    expect(calendarFor('ar')).toBe('gregory');
    expect(calendarFor('en')).toBe('gregory');
    expect(toCalendar(nowruz, 'persian')).toEqual({ year: 1404, month: 1, day: 1 });
    expect(toCalendar(nowruz, 'gregory')).toEqual({ year: 2025, month: 3, day: 21 });
  });

  it('convert Jalali dates back to the same day', () => {
    expect(fromCalendar({ year: 1404, month: 1, day: 1 }, 'persian')).toBe(nowruz);
    // 15 Azar 1404 is 6 December 2025.
    expect(isoFromDay(fromCalendar({ year: 1404, month: 9, day: 15 }, 'persian'))).toBe('2025-12-06');
    expect(fromCalendar({ year: 2025, month: 3, day: 21 }, 'gregory')).toBe(nowruz);
  });

  it('know the length of Jalali months, leap years included', () => {
    expect(daysInMonth(1404, 1, 'persian')).toBe(31);
    expect(daysInMonth(1404, 7, 'persian')).toBe(30);
    expect(daysInMonth(1403, 12, 'persian')).toBe(30); // 1403 is a leap year
    expect(daysInMonth(1404, 12, 'persian')).toBe(29);
    expect(daysInMonth(2024, 2, 'gregory')).toBe(29);
    // A day past the month's end is the next month's first.
    expect(toCalendar(fromCalendar({ year: 1404, month: 12, day: 30 }, 'persian'), 'persian')).toEqual({ year: 1405, month: 1, day: 1 });
  });

  it('name the months as the language does', () => {
    expect(monthName(1404, 1, 'fa')).toBe('فروردین');
    expect(monthName(1404, 9, 'fa')).toBe('آذر');
    expect(monthName(2025, 3, 'ar')).toBe('مارس');
    expect(monthName(2025, 3, 'en')).toBe('March');
  });

  it('read ISO dates and refuse impossible ones', () => {
    expect(isoFromDay(nowruz)).toBe('2025-03-21');
    expect(dayFromIso('2025-02-30')).toBeNull();
    expect(dayFromIso('21/03/2025')).toBeNull();
  });

  it('begin at local midnight', () => {
    const at = Date.UTC(2025, 2, 21, 15, 45);
    const day = dayOfInstant(at);
    expect(startOfDay(day)).toBeLessThanOrEqual(at);
    expect(startOfDay(day + 1)).toBeGreaterThan(at);
    expect(dayOfInstant(startOfDay(day))).toBe(day);
  });
});

describe('start times in tables', () => {
  const noonUtc = Date.UTC(2025, 2, 21, 12, 0);

  it('are a short Jalali date and time with Persian digits in Persian', () => {
    expect(formatShortDate(noonUtc, 'fa', 'Asia/Tehran')).toBe('۱۴۰۴/۰۱/۰۱');
    expect(formatDateTime(noonUtc, 'fa', 'Asia/Tehran')).toBe('۱۴۰۴/۰۱/۰۱ ۱۵:۳۰');
  });

  it('are Gregorian in English and Arabic, with Arabic-Indic digits in Arabic', () => {
    expect(formatDateTime(noonUtc, 'en', 'UTC')).toBe('21/03/2025 12:00');
    const arabic = formatDateTime(noonUtc, 'ar', 'UTC');
    expect(arabic).toContain('٢٠٢٥');
    expect(arabic).toContain('١٢:٠٠');
    expect(arabic).not.toMatch(/[0-9]/);
  });
});

describe('the search', () => {
  const today = nowruz;
  const search = (overrides: Partial<RecordSearch> = {}): RecordSearch => ({ ...defaultSearch(today), ...overrides });

  it('starts with recorded calls of the last 31 days, newest first', () => {
    expect(defaultSearch(today)).toEqual({
      fromDay: today - 30, toDay: today, agent: '', queue: '', caller: '', disposition: '', recordedOnly: true, evaluated: '',
      minTalkS: null, maxTalkS: null, order: 'newest', offset: 0,
    });
    expect(searchFromQuery('', today)).toEqual(defaultSearch(today));
    expect(searchFromQuery('?call=c9', today)).toEqual(defaultSearch(today));
  });

  it('is kept in the address and read back from it', () => {
    const wanted = search({ fromDay: today - 2, agent: 'a1001', queue: 'sales', caller: '0912', disposition: 'abandoned', recordedOnly: false, minTalkS: 30, maxTalkS: 600, order: 'oldest', offset: 25 });
    const query = pageQuery(wanted, 'c17');
    expect(query).toBe('from=2025-03-19&to=2025-03-21&agent=a1001&queue=sales&caller=0912&disposition=abandoned&min_talk_s=30&max_talk_s=600&order=oldest&offset=25&call=c17');
    expect(searchFromQuery(`?${query}`, today)).toEqual(wanted);
    expect(pageQuery(search())).toBe('from=2025-02-19&to=2025-03-21&recorded=true&order=newest');
  });

  it('takes the default for what an edited link gets wrong', () => {
    const read = searchFromQuery('?from=yesterday&to=2025-03-20&disposition=lost&min_talk_s=-5&offset=x&order=sideways', today);
    expect(read).toEqual(search({ toDay: today - 1, recordedOnly: false }));
  });

  it('asks the API for the whole of the first and last day, in the browser time zone', () => {
    const params = new URLSearchParams(apiQuery(search({ caller: '1005', agent: 'a1004', minTalkS: 2 })));
    expect(Object.fromEntries(params)).toEqual({
      from_ms: String(startOfDay(today - 30)),
      to_ms: String(startOfDay(today + 1)),
      agent: 'a1004',
      caller: '1005',
      min_talk_s: '2',
      recorded: 'true',
      order: 'newest',
      limit: '25',
      offset: '0',
    });
    // Without "recorded only", every call: the parameter is left out, not sent as false.
    expect(new URLSearchParams(apiQuery(search({ recordedOnly: false }))).has('recorded')).toBe(false);
  });

  it('asks for evaluated calls, calls not evaluated, or either, and keeps the choice in the address', () => {
    expect(new URLSearchParams(apiQuery(search({ evaluated: 'true' }))).get('evaluated')).toBe('true');
    expect(new URLSearchParams(apiQuery(search({ evaluated: 'false' }))).get('evaluated')).toBe('false');
    // Either: the parameter is left out.
    expect(new URLSearchParams(apiQuery(search())).has('evaluated')).toBe(false);
    const wanted = search({ evaluated: 'false' });
    expect(pageQuery(wanted)).toBe('from=2025-02-19&to=2025-03-21&recorded=true&evaluated=false&order=newest');
    expect(searchFromQuery(`?${pageQuery(wanted)}`, today)).toEqual(wanted);
    expect(searchFromQuery('?evaluated=maybe&recorded=true', today).evaluated).toBe('');
  });

  it('counts a call\'s submitted evaluations, none from a server without the field', () => {
    expect(evaluationCount(record({ evaluations: 2 }))).toBe(2);
    expect(evaluationCount(record({ evaluations: 0 }))).toBe(0);
    expect(evaluationCount(record())).toBe(0);
  });

  it('refuses days the wrong way round and a least talk above the most', () => {
    expect(searchProblem(search())).toBeNull();
    expect(searchProblem(search({ fromDay: today + 1 }))).toBe('recordings.error_dates');
    expect(searchProblem(search({ minTalkS: 90, maxTalkS: 30 }))).toBe('recordings.error_talk');
  });

  it('reads talk times as seconds or minutes and seconds, in any digits', () => {
    expect(parseTalkSeconds('')).toBeNull();
    expect(parseTalkSeconds(' 90 ')).toBe(90);
    expect(parseTalkSeconds('1:30')).toBe(90);
    expect(parseTalkSeconds('۱:۳۰')).toBe(90);
    expect(parseTalkSeconds('٩٠')).toBe(90);
    expect(parseTalkSeconds('1:75')).toBeUndefined();
    expect(parseTalkSeconds('abc')).toBeUndefined();
    expect(parseTalkSeconds('100000')).toBeUndefined();
  });

  it('sends caller numbers in Latin digits, without spaces or dashes', () => {
    expect(normalizeCaller('۰۹۱۲ ۱۲۳-۴۵')).toBe('091212345');
    expect(normalizeCaller('+98 (21) 5555')).toBe('+98215555');
  });
});

describe('paging', () => {
  it('says which calls a page shows', () => {
    expect(pageRange(0, 25, 132)).toEqual({ first: 1, last: 25, total: 132 });
    expect(pageRange(125, 7, 132)).toEqual({ first: 126, last: 132, total: 132 });
    expect(pageRange(0, 0, 0)).toEqual({ first: 0, last: 0, total: 0 });
  });

  it('moves a page back or on, and no further than there are calls', () => {
    expect(pageOffset(0, 132, -1)).toBeNull();
    expect(pageOffset(25, 132, -1)).toBe(0);
    expect(pageOffset(10, 132, -1)).toBe(0);
    expect(pageOffset(100, 132, 1)).toBe(125);
    expect(pageOffset(125, 132, 1)).toBeNull();
  });
});

describe("each agent's part of a call", () => {
  it('is the whole call for a call one agent took', () => {
    expect(agentLegs(record())).toEqual([{ agent: 'a1001', queue: 'sales', talkMs: 150_000, holdMs: 10_000, transfer: null }]);
  });

  it('lists who transferred the caller, then who finished with the rest of the talk and hold', () => {
    const transferred = record({
      queues: ['sales', 'support'], agent: 'a1006', agents: ['a1001', 'a1006'], talk_ms: 150_000, hold_ms: 10_000,
      transfers: [{ agent: 'a1001', queue: 'sales', to_queue: 'support', at_ms: 5_000, talk_ms: 60_000, hold_ms: 4_000, to_agent: null }],
    });
    expect(agentLegs(transferred)).toEqual([
      { agent: 'a1001', queue: 'sales', talkMs: 60_000, holdMs: 4_000, transfer: { toQueue: 'support', toAgent: null, toNumber: null, attended: false, atMs: 5_000 } },
      { agent: 'a1006', queue: 'support', talkMs: 90_000, holdMs: 6_000, transfer: null },
    ]);
  });

  it('has no one who finished a call nobody answered after the transfer', () => {
    const lost = record({
      agent: null, disposition: 'abandoned',
      transfers: [{ agent: 'a1001', queue: 'sales', to_queue: 'support', at_ms: 5_000, talk_ms: 150_000, hold_ms: 10_000, to_agent: null }],
    });
    expect(agentLegs(lost).map((leg) => leg.agent)).toEqual(['a1001']);
    expect(agentLegs(record({ agent: null, talk_ms: 0, hold_ms: 0, disposition: 'abandoned' }))).toEqual([]);
  });
});

describe('who an agent passed the caller to', () => {
  // Local times of day, so the expected texts hold in any time zone the tests run in.
  const at = new Date(2025, 2, 21, 14, 30, 5).getTime();
  const names: Record<string, string> = { a1001: 'Agent 1001', a1003: 'Agent 1003' };
  const agentName = (id: string) => names[id] ?? id;
  const passed = (to_agent: string | null) =>
    agentLegs(
      record({
        queues: ['sales'], agent: 'a1003', agents: ['a1001', 'a1003'],
        transfers: [{ agent: 'a1001', queue: 'sales', to_queue: 'sales', at_ms: at, talk_ms: 60_000, hold_ms: 0, to_agent }],
      }),
    );

  it('keeps the colleague the caller was passed to', () => {
    expect(passed('a1003')[0]!.transfer).toEqual({ toQueue: 'sales', toAgent: 'a1003', toNumber: null, attended: false, atMs: at });
    expect(passed(null)[0]!.transfer).toEqual({ toQueue: 'sales', toAgent: null, toNumber: null, attended: false, atMs: at });
  });

  it('reads a transfer from a server without to_agent as a blind one to the queue', () => {
    const old = record({ transfers: [{ agent: 'a1001', queue: 'sales', to_queue: 'support', at_ms: at, talk_ms: 1_000, hold_ms: 0 } as never] });
    expect(agentLegs(old)[0]!.transfer).toEqual({ toQueue: 'support', toAgent: null, toNumber: null, attended: false, atMs: at });
  });

  it('names the colleague and their queue, or the queue alone for its next agent, or says who finished', () => {
    const [named, finished] = passed('a1003');
    expect(legOutcome(named!, agentName)).toBe('Passed to Agent 1003 (sales) at 14:30:05');
    expect(legOutcome(passed(null)[0]!, agentName)).toBe('Transferred to sales at 14:30:05');
    expect(legOutcome(finished!, agentName)).toBe('Finished the call');
    // A colleague whose name the page does not know (out of the reader's scope) by their id.
    expect(legOutcome(passed('a1099')[0]!, agentName)).toBe('Passed to a1099 (sales) at 14:30:05');
  });

  it('speaks Persian and Arabic, in their digits', () => {
    setLanguage('fa');
    expect(legOutcome(passed('a1003')[0]!, agentName, 'fa')).toBe('سپردن به Agent 1003 (صف sales) در ساعت ۱۴:۳۰:۰۵');
    expect(legOutcome(passed(null)[0]!, agentName, 'fa')).toBe('انتقال به صف sales در ساعت ۱۴:۳۰:۰۵');
    setLanguage('ar');
    expect(legOutcome(passed('a1003')[0]!, agentName, 'ar')).toBe('سلّمها إلى Agent 1003 (sales) الساعة ١٤:٣٠:٠٥');
    expect(legOutcome(passed(null)[0]!, agentName, 'ar')).toBe('حوّلها إلى sales الساعة ١٤:٣٠:٠٥');
  });

  /** A transfer out of the queues to a number (blind, or after a consult of it). */
  const toNumber = (attended: boolean) =>
    agentLegs(
      record({
        queues: ['sales'], agent: null, agents: ['a1001'], disposition: 'answered',
        transfers: [{ agent: 'a1001', queue: 'sales', to_queue: '', at_ms: at, talk_ms: 60_000, hold_ms: 0, to_agent: null, attended, to_number: '909121234567' }],
      }),
    )[0]!;

  it('names the number a caller was sent to, in Latin digits left to right, and no blank queue', () => {
    expect(toNumber(false).transfer).toEqual({ toQueue: '', toAgent: null, toNumber: '909121234567', attended: false, atMs: at });
    expect(legOutcome(toNumber(false), agentName)).toBe('Transferred to \u2066909121234567\u2069 at 14:30:05');
    setLanguage('fa');
    expect(legOutcome(toNumber(false), agentName, 'fa')).toBe('انتقال به شماره \u2066909121234567\u2069 در ساعت ۱۴:۳۰:۰۵');
    setLanguage('ar');
    expect(legOutcome(toNumber(false), agentName, 'ar')).toBe('حوّلها إلى الرقم \u2066909121234567\u2069 الساعة ١٤:٣٠:٠٥');
  });

  it('says when the transfer came after a consult (attended)', () => {
    expect(legOutcome(toNumber(true), agentName)).toBe('Transferred to \u2066909121234567\u2069 at 14:30:05, after a consult');
    const attended = agentLegs(
      record({
        queues: ['sales'], agent: 'a1003', agents: ['a1001', 'a1003'],
        transfers: [{ agent: 'a1001', queue: 'sales', to_queue: 'sales', at_ms: at, talk_ms: 60_000, hold_ms: 0, to_agent: 'a1003', attended: true, to_number: null }],
      }),
    )[0]!;
    expect(legOutcome(attended, agentName)).toBe('Passed to Agent 1003 (sales) at 14:30:05, after a consult');
    setLanguage('fa');
    expect(legOutcome(attended, agentName, 'fa')).toBe('سپردن به Agent 1003 (صف sales) در ساعت ۱۴:۳۰:۰۵، پس از مشورت');
    setLanguage('ar');
    expect(legOutcome(toNumber(true), agentName, 'ar')).toBe('حوّلها إلى الرقم \u2066909121234567\u2069 الساعة ١٤:٣٠:٠٥، بعد استشارة');
  });
});

describe('the supervisors in the call', () => {
  const at = (h: number, m: number, s: number) => new Date(2025, 2, 21, h, m, s).getTime();
  const period = (mode: RecordMonitor['mode'], from_ms: number, to_ms: number, user = 'supervisor'): RecordMonitor => ({
    user, extension: '2001', mode, from_ms, to_ms,
  });
  // Whispered, barged in, then listened until the call ended: a period per mode, oldest first.
  const monitored = record({
    monitors: [
      period('whisper', at(14, 30, 5), at(14, 31, 0)),
      period('barge', at(14, 31, 0), at(14, 31, 42)),
      period('listen', at(14, 31, 42), at(15, 2, 50)),
    ],
  });

  it('are a row per mode period: who, in which mode, from and until when, and how long', () => {
    expect(monitorRows(monitored, 'en')).toEqual([
      { user: 'supervisor', mode: 'whisper', modeName: 'Whisper', from: '14:30:05', to: '14:31:00', length: '0:55' },
      { user: 'supervisor', mode: 'barge', modeName: 'Barge in', from: '14:31:00', to: '14:31:42', length: '0:42' },
      { user: 'supervisor', mode: 'listen', modeName: 'Listen', from: '14:31:42', to: '15:02:50', length: '31:08' },
    ]);
  });

  it('keep the server order, several supervisors included', () => {
    const two = record({ monitors: [period('listen', at(9, 0, 0), at(9, 10, 0), 'sara'), period('barge', at(9, 5, 0), at(9, 6, 0), 'omid')] });
    expect(monitorRows(two, 'en').map((row) => `${row.user} ${row.mode}`)).toEqual(['sara listen', 'omid barge']);
  });

  it('are none for a call nobody monitored, or from a server without the field', () => {
    expect(monitorRows(record({ monitors: [] }), 'en')).toEqual([]);
    expect(monitorRows(record(), 'en')).toEqual([]);
  });

  it('speak Persian and Arabic, in their digits', () => {
    setLanguage('fa');
    expect(monitorRows(monitored, 'fa')[0]).toEqual({ user: 'supervisor', mode: 'whisper', modeName: 'نجوا', from: '۱۴:۳۰:۰۵', to: '۱۴:۳۱:۰۰', length: '۰:۵۵' });
    expect(monitorRows(monitored, 'fa')[2]!.length).toBe('۳۱:۰۸');
    setLanguage('ar');
    expect(monitorRows(monitored, 'ar')[1]).toEqual({ user: 'supervisor', mode: 'barge', modeName: 'الانضمام', from: '١٤:٣١:٠٠', to: '١٤:٣١:٤٢', length: '٠:٤٢' });
  });

  it('name the modes as the console buttons do, and an unknown one as the server sends it', () => {
    expect(['listen', 'whisper', 'barge'].map(monitorModeLabel)).toEqual(['Listen', 'Whisper', 'Barge in']);
    expect(monitorModeLabel('coach')).toBe('coach');
    expect(monitorModeLabel('constructor')).toBe('constructor');
    setLanguage('fa');
    expect(monitorModeLabel('listen')).toBe('شنود');
    setLanguage('ar');
    expect(monitorModeLabel('whisper')).toBe('همس');
  });
});

describe('the player', () => {
  it('plays at the usual speeds', () => {
    expect(kSpeeds).toEqual([0.75, 1, 1.25, 1.5, 2]);
  });

  it('jumps within the recording', () => {
    expect(seekTarget(12, 5, 60)).toBe(17);
    expect(seekTarget(3, -5, 60)).toBe(0);
    expect(seekTarget(58, 5, 60)).toBe(60);
    expect(seekTarget(2, 5, Number.NaN)).toBe(7); // duration not known yet
  });

  it('takes J, K, L and the arrows by key position, whatever the keyboard layout', () => {
    expect(playerKey('KeyJ')).toBe('back');
    expect(playerKey('ArrowLeft')).toBe('back');
    expect(playerKey('KeyL')).toBe('forward');
    expect(playerKey('ArrowRight')).toBe('forward');
    expect(playerKey('KeyK')).toBe('toggle');
    expect(playerKey('Space')).toBe('toggle');
    expect(playerKey('KeyH')).toBeNull();
  });

  it('streams the recording from the API, or downloads it', () => {
    expect(recordingUrl('mx/1')).toBe('/api/v1/call-records/mx%2F1/recording');
    expect(recordingUrl('c1', true)).toBe('/api/v1/call-records/c1/recording?download=true');
  });
});

describe('the legal hold', () => {
  it('is set and lifted by managers only, as the server allows', () => {
    expect(canSetLegalHold('manager')).toBe(true);
    expect(canSetLegalHold('supervisor')).toBe(false);
    expect(canSetLegalHold('qa')).toBe(false);
    expect(canSetLegalHold('agent')).toBe(false);
  });

  it('is offered on a recorded call, and on a held one so the hold can be lifted', () => {
    expect(offersLegalHold(record())).toBe(true);
    expect(offersLegalHold(record({ legal_hold: true }))).toBe(true);
    expect(offersLegalHold(record({ recorded: false }))).toBe(false);
    expect(offersLegalHold(record({ recorded: false, legal_hold: true }))).toBe(true);
  });

  it('says where the call stands, what it means for the recording, and offers the other way', () => {
    expect(legalHoldView(false)).toEqual({
      state: 'This call is not on legal hold.',
      explanation: 'Its recording is deleted when its retention period ends. A legal hold keeps it whatever the retention says, for a dispute or an investigation.',
      action: 'Put on legal hold',
      request: 'set',
    });
    expect(legalHoldView(true)).toEqual({
      state: 'This call is on legal hold.',
      explanation: 'Its recording is kept whatever the retention says, until a manager lifts the hold.',
      action: 'Lift the legal hold',
      request: 'lift',
    });
  });

  it('speaks Persian and Arabic', () => {
    setLanguage('fa');
    expect(legalHoldView(true).state).toBe('این تماس در نگهداری قانونی است.');
    expect(legalHoldView(false).action).toBe('گذاشتن در نگهداری قانونی');
    setLanguage('ar');
    expect(legalHoldView(true).action).toBe('رفع الحفظ القانوني');
    expect(legalHoldView(false).state).toBe('هذه المكالمة ليست تحت الحفظ القانوني.');
  });
});

describe('labels', () => {
  it('name how a call ended and who ended it in the page language', () => {
    expect(dispositionLabel('abandoned')).toBe('Abandoned');
    expect(hangupSideLabel('caller')).toBe('Caller');
    expect(hangupSideLabel('robot')).toBe('robot');
    setLanguage('fa');
    expect(dispositionLabel('answered')).toBe('پاسخ‌داده');
    setLanguage('ar');
    expect(hangupSideLabel('agent')).toBe('الموظف');
  });
});
