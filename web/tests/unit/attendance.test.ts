import { describe, expect, it } from 'vitest';
import { attendanceDownloadUrl, createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import { dayFromIso, startOfDay } from '../../src/format/calendar';
import { centreClock } from '../../src/format/centre_clock';
import {
  agentTotals,
  attendanceCells,
  byAgent,
  correctionText,
  dayMarks,
  kAttendanceColumns,
  pausesText,
  shiftText,
  totalCells,
  type AttendanceCell,
  type CellContext,
} from '../../src/pages/attendance_cells';
import {
  attendanceApiQuery,
  attendancePageQuery,
  attendanceProblem,
  attendanceSearchFromQuery,
  defaultAttendanceSearch,
} from '../../src/pages/attendance_query';
import { clockText, dayInstantText, instantInDay, minutesIntoDay, weekdayText } from '../../src/pages/attendance_time';
import { attendanceDay, kAttendanceDay } from './fixtures';

// The Attendance page's pure parts: the search kept in the address and asked of the API (and
// the downloads with the same query), the centre's clock whatever the browser's zone, and
// each day as the table writes it in the reader's language, digits and calendar, with the
// agent's totals.

/** Without the Unicode isolates around names and times (invisible). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const day = (iso: string) => dayFromIso(iso)!;
const today = day('2026-12-06');
const kMinuteMs = 60_000;
const kDayMs = 86_400_000;
const at = (hours: number, minutes = 0) => kAttendanceDay + (hours * 60 + minutes) * kMinuteMs;
const kDay = kAttendanceDay;
const tehran = centreClock('Asia/Tehran', kDay);
const english = (reason: string) => ({ lunch: 'Lunch', training: 'Training' })[reason] ?? reason;

const context = (overrides: Partial<CellContext> = {}): CellContext => ({
  language: 'en', clock: tehran, nowMs: kDay + 2 * kDayMs, agentName: (id) => (id === 'a1005' ? 'Agent 1005' : id), reasonLabel: english,
  ...overrides,
});

/** The cells' texts by column. */
function texts(cells: AttendanceCell[]): Record<string, string> {
  return Object.fromEntries(cells.map((cell) => [cell.column, plain(cell.text)]));
}

describe('the attendance query', () => {
  it("opens on the last 7 days of every agent the reader may read; an agent's own", () => {
    expect(defaultAttendanceSearch(today, null)).toEqual({ fromDay: day('2026-11-30'), toDay: today, queue: '', agent: '' });
    expect(defaultAttendanceSearch(today, 'a1005').agent).toBe('a1005');
  });

  it('keeps the search in the address and reads it back, taking the default for what a link gets wrong', () => {
    const search = { fromDay: day('2026-12-01'), toDay: day('2026-12-06'), queue: 'sales', agent: '' };
    expect(attendancePageQuery(search)).toBe('from=2026-12-01&to=2026-12-06&queue=sales');
    expect(attendanceSearchFromQuery(`?${attendancePageQuery(search)}`, today, null)).toEqual(search);
    expect(attendancePageQuery({ ...search, queue: '', agent: 'a1005' })).toBe('from=2026-12-01&to=2026-12-06&agent=a1005');
    expect(attendancePageQuery({ ...search, queue: '' })).toBe('from=2026-12-01&to=2026-12-06');
    expect(attendanceSearchFromQuery('?from=2026-02-30&to=nope', today, null)).toEqual(defaultAttendanceSearch(today, null));
    // A link naming both keeps the agent.
    expect(attendanceSearchFromQuery('?queue=sales&agent=a1005', today, null)).toMatchObject({ queue: '', agent: 'a1005' });
  });

  it("gives an agent their own days whatever the link says", () => {
    expect(attendanceSearchFromQuery('?queue=support&from=2026-12-01', today, 'a1005')).toEqual({ fromDay: day('2026-12-01'), toDay: today, queue: '', agent: 'a1005' });
    expect(attendanceSearchFromQuery('?agent=a1001', today, 'a1005').agent).toBe('a1005');
  });

  it("asks the API from the first day's start to the end of the last, never past now, in the reader's calendar", () => {
    const search = { ...defaultAttendanceSearch(today, null), agent: 'a1005' };
    const params = new URLSearchParams(attendanceApiQuery(search, startOfDay(today + 3), 'en'));
    expect([...params.keys()]).toEqual(['from_ms', 'to_ms', 'calendar', 'agent']);
    expect(Number(params.get('from_ms'))).toBe(startOfDay(day('2026-11-30')));
    expect(Number(params.get('to_ms'))).toBe(startOfDay(today + 1));
    expect(params.get('calendar')).toBe('gregorian');
    expect(params.get('agent')).toBe('a1005');
    const now = startOfDay(today) + 9 * 3_600_000;
    expect(new URLSearchParams(attendanceApiQuery(search, now, 'fa')).get('to_ms')).toBe(String(now));
    expect(new URLSearchParams(attendanceApiQuery(search, now, 'fa')).get('calendar')).toBe('jalali');
    // Every agent: no scope at all; a queue's members: the queue.
    expect(new URLSearchParams(attendanceApiQuery({ ...search, agent: '' }, now, 'en')).has('agent')).toBe(false);
    expect(new URLSearchParams(attendanceApiQuery({ ...search, agent: '', queue: 'sales' }, now, 'en')).get('queue')).toBe('sales');
  });

  it('downloads CSV and Excel with the same query', () => {
    const query = attendanceApiQuery(defaultAttendanceSearch(today, 'a1005'), startOfDay(today + 1), 'fa');
    expect(attendanceDownloadUrl(query, 'csv')).toBe(`/api/v1/attendance?${query}&format=csv`);
    expect(attendanceDownloadUrl(query, 'xlsx')).toBe(`/api/v1/attendance?${query}&format=xlsx`);
  });

  it('refuses a range that ends before it starts, and more than 366 days', () => {
    const search = defaultAttendanceSearch(today, null);
    expect(attendanceProblem(search)).toBeNull();
    expect(attendanceProblem({ ...search, fromDay: today + 1 })).toBe('recordings.error_dates');
    expect(attendanceProblem({ ...search, fromDay: today - 365 })).toBeNull();
    expect(attendanceProblem({ ...search, fromDay: today - 366 })).toBe('attendance.error_too_long');
  });
});

describe("the centre's clock", () => {
  it('reads a fixed offset from a day that starts at local midnight', () => {
    expect(centreClock('Asia/Tehran', kDay)).toEqual({ timeZone: 'Asia/Tehran', shiftMs: 0 });
    expect(centreClock('', kDay)).toEqual({ timeZone: 'UTC', shiftMs: 3.5 * 3_600_000 });
    expect(centreClock('', Date.UTC(2026, 11, 6, 5))).toEqual({ timeZone: 'UTC', shiftMs: -5 * 3_600_000 });
    expect(centreClock('', Date.UTC(2026, 11, 5, 10, 0))).toEqual({ timeZone: 'UTC', shiftMs: 14 * 3_600_000 });
  });

  it('turns a time of the day into an instant and back, the next day past 24:00', () => {
    for (const clock of [tehran, centreClock('', kDay)]) {
      expect(instantInDay(8 * 60 + 5, { from_ms: kDay }, clock)).toBe(at(8, 5));
      expect(instantInDay(24 * 60 + 90, { from_ms: kDay }, clock)).toBe(at(25, 30));
      expect(minutesIntoDay(at(8, 5), { from_ms: kDay }, clock)).toBe(485);
      expect(minutesIntoDay(at(25, 30), { from_ms: kDay }, clock)).toBe(1530);
    }
    expect(clockText(485)).toBe('08:05');
    expect(clockText(1530)).toBe('01:30');
  });

  it('counts the hour the clocks skip on a day of summer time', () => {
    const london = centreClock('Europe/London', 0);
    // 29 March 2026: 01:00 GMT becomes 02:00 BST.
    const sunday = { from_ms: Date.UTC(2026, 2, 29) };
    expect(instantInDay(3 * 60, sunday, london)).toBe(Date.UTC(2026, 2, 29, 2));
    expect(instantInDay(60 + 30, sunday, london)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(minutesIntoDay(Date.UTC(2026, 2, 29, 2), sunday, london)).toBe(180);
  });

  it('writes an instant of the day as a time, another day with its date, in the reader\'s digits', () => {
    const sunday = { from_ms: kDay, to_ms: kDay + kDayMs };
    expect(dayInstantText(at(8, 5), sunday, tehran, 'en')).toBe('08:05');
    expect(dayInstantText(at(8, 5), sunday, tehran, 'fa')).toBe('۰۸:۰۵');
    expect(dayInstantText(at(8, 5), sunday, centreClock('', kDay), 'en')).toBe('08:05');
    expect(dayInstantText(at(25, 30), sunday, tehran, 'en')).toBe('07/12/2026 01:30');
    expect(dayInstantText(at(25, 30), sunday, tehran, 'fa')).toBe('۱۴۰۵/۰۹/۱۶ ۰۱:۳۰');
    expect(dayInstantText(null, sunday, tehran, 'en')).toBe('–');
    expect(weekdayText(sunday, tehran, 'en')).toBe('Sunday');
    expect(weekdayText(sunday, tehran, 'fa')).toBe('یکشنبه');
  });
});

describe('a day in the table', () => {
  it('has a cell per column, in English', () => {
    const cells = attendanceCells(attendanceDay(), context());
    expect(cells.map((cell) => cell.column)).toEqual(kAttendanceColumns.map((c) => c.column));
    expect(texts(cells)).toEqual({
      agent: 'Agent 1005', day: '2026-12-06', sessions: '2', first_login: '08:05', last_logout: '16:02', logged_in: '7:57:00',
      available: '1:00:00', on_call: '4:00:00', wrap_up: '20:00', paused: '45:00', not_ready: '5:00',
      pauses: 'Lunch 30:00, Training 15:00', shift: '08:00–16:00', late: '5:00', left_early: '0:00', absent: '', corrected: '',
    });
    expect(cells.find((c) => c.column === 'day')!.note).toBe('Sunday');
    expect(cells.find((c) => c.column === 'late')!.tone).toBe('red');
    expect(cells.find((c) => c.column === 'left_early')!.tone).toBe('');
    expect(dayMarks(attendanceDay())).toEqual({ late: true, absent: false, corrected: false });
  });

  it('in Persian: the Jalali label, Persian digits, the reasons in Persian punctuation', () => {
    const cells = attendanceCells(attendanceDay({ day: '1405-09-15' }), context({ language: 'fa', reasonLabel: (r) => (r === 'lunch' ? 'ناهار' : 'آموزش') }));
    expect(texts(cells)).toMatchObject({
      day: '۱۴۰۵-۰۹-۱۵', sessions: '۲', first_login: '۰۸:۰۵', last_logout: '۱۶:۰۲', logged_in: '۷:۵۷:۰۰',
      pauses: 'ناهار ۳۰:۰۰، آموزش ۱۵:۰۰', shift: '۰۸:۰۰–۱۶:۰۰', late: '۵:۰۰',
    });
    expect(cells.find((c) => c.column === 'day')!.note).toBe('یکشنبه');
    // Every figure and time in Persian digits (the agent's name is as configured).
    for (const cell of cells.filter((c) => c.column !== 'agent')) {
      expect(cell.text, cell.column).not.toMatch(/[0-9]/);
    }
  });

  it('marks an absent day, and shows none of what it did not have', () => {
    const absent = attendanceDay({
      sessions: 0, first_login_ms: null, last_logout_ms: null, logged_in_s: 0, pauses_s: {}, late_s: null, left_early_s: null, absent: true,
      states_s: { available: 0, ringing: 0, 'on-call': 0, 'wrap-up': 0, paused: 0, 'not-ready': 0 },
    });
    const cells = attendanceCells(absent, context());
    expect(texts(cells)).toMatchObject({ first_login: '–', last_logout: '–', logged_in: '0:00', pauses: '–', late: '–', left_early: '–', absent: 'Absent' });
    expect(cells.find((c) => c.column === 'absent')!.tone).toBe('red');
    expect(dayMarks(absent)).toEqual({ late: false, absent: true, corrected: false });
    // Without a shift.
    expect(texts(attendanceCells(attendanceDay({ shift: null, late_s: null }), context()))).toMatchObject({ shift: '–', late: '–' });
  });

  it('says an agent is still logged in today, and nothing on a past day with no logout', () => {
    const open = attendanceDay({ last_logout_ms: null });
    expect(texts(attendanceCells(open, context({ nowMs: at(12) })))).toMatchObject({ last_logout: 'Still logged in' });
    expect(texts(attendanceCells(open, context()))).toMatchObject({ last_logout: '–' });
  });

  it('writes a logout after midnight with its date', () => {
    expect(texts(attendanceCells(attendanceDay({ last_logout_ms: at(25, 30) }), context()))).toMatchObject({ last_logout: '07/12/2026 01:30' });
  });

  it("shows a corrected day's times, who corrected it, when and why", () => {
    const correction = { login_ms: at(7, 58), logout_ms: at(16, 30), reason: 'Phone was down', by: 'supervisor', at_ms: at(17, 10) };
    const cells = attendanceCells(attendanceDay({ correction }), context());
    expect(texts(cells)).toMatchObject({ first_login: '07:58', last_logout: '16:30', corrected: 'Corrected' });
    const corrected = cells.find((c) => c.column === 'corrected')!;
    expect(plain(corrected.note)).toBe('By supervisor on 06/12/2026 17:10: Phone was down');
    expect(corrected.title).toBe(corrected.note);
    expect(plain(correctionText(correction, tehran, 'fa'))).toBe('توسط supervisor در ۱۴۰۵/۰۹/۱۵ ۱۷:۱۰: Phone was down');
    expect(dayMarks(attendanceDay({ correction })).corrected).toBe(true);
  });

  it('lists pauses by reason, the longest first, without empty ones, a reason the page does not know as configured', () => {
    expect(pausesText({ lunch: 1800, training: 900, break: 0 }, 'en', english)).toBe('Lunch 30:00, Training 15:00');
    expect(pausesText({ prayer: 600, lunch: 600 }, 'en', english)).toBe('Lunch 10:00, prayer 10:00');
    expect(pausesText({}, 'en', english)).toBe('–');
  });

  it('keeps a shift in order in a right-to-left line', () => {
    expect(shiftText({ start: '22:00', end: '06:00' }, 'fa')).toBe('\u2067۲۲:۰۰–۰۶:۰۰\u2069');
    expect(shiftText(null, 'fa')).toBe('–');
  });
});

describe("an agent's totals", () => {
  const days = [
    attendanceDay(),
    attendanceDay({ day: '2026-12-07', from_ms: kDay + kDayMs, to_ms: kDay + 2 * kDayMs, late_s: 0, pauses_s: { lunch: 1200, break: 600 } }),
    attendanceDay({ day: '2026-12-08', sessions: 0, logged_in_s: 0, late_s: null, left_early_s: null, absent: true, pauses_s: {}, correction: null }),
    attendanceDay({ agent: 'a1001' }),
  ];

  it('groups the days by agent in the order they came', () => {
    expect(byAgent(days).map(({ agent, days: list }) => [agent, list.map((d) => d.day)])).toEqual([
      ['a1005', ['2026-12-06', '2026-12-07', '2026-12-08']],
      ['a1001', ['2026-12-06']],
    ]);
  });

  it('sums their times and counts their late and absent days', () => {
    const totals = agentTotals('a1005', byAgent(days)[0]!.days);
    expect(totals).toMatchObject({ agent: 'a1005', days: 3, sessions: 4, logged_in_s: 2 * (7 * 3600 + 57 * 60), late_s: 300, lateDays: 1, absentDays: 1, correctedDays: 0 });
    expect(totals.pauses_s).toEqual({ lunch: 1800 + 1200, training: 900, break: 600 });
    expect(totals.states_s['on-call']).toBe(3 * 4 * 3600);
    const cells = totalCells(totals, context());
    expect(cells.map((cell) => cell.column)).toEqual(kAttendanceColumns.map((c) => c.column));
    expect(texts(cells)).toMatchObject({
      agent: 'Total', day: 'Days: 3', sessions: '4', first_login: '', logged_in: '15:54:00', on_call: '12:00:00',
      pauses: 'Lunch 50:00, Training 15:00, break 10:00', shift: '', late: '5:00', absent: 'Days: 1',
    });
    expect(cells.find((c) => c.column === 'late')!.note).toBe('Days: 1');
    expect(texts(totalCells(totals, context({ language: 'fa' })))).toMatchObject({ day: '۳ روز', sessions: '۴', absent: '۱ روز' });
    // Without a shift there is nothing to be late or early against: "–", not 0:00.
    const unplanned = agentTotals('a1005', [attendanceDay({ shift: null, late_s: null, left_early_s: null })]);
    expect(unplanned).toMatchObject({ late_s: null, left_early_s: null, lateDays: 0 });
    expect(texts(totalCells(unplanned, context()))).toMatchObject({ late: '–', left_early: '–' });
  });
});

describe('the requests', () => {
  it('read the days and post a correction with the CSRF header', async () => {
    const sent: { url: string; method: string; csrf: string | undefined; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, csrf: (init.headers as Record<string, string>)['X-CSRF-Token'], body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
      return new Response(JSON.stringify({ time_zone: 'Asia/Tehran', from_ms: 0, to_ms: 0, days: [], correction: {} }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' }));
    await api.attendance('from_ms=1&to_ms=2&agent=a1005');
    const body = { agent: 'a1005', day_ms: kDay, login_ms: at(8), logout_ms: at(16), reason: 'Phone was down' };
    await api.correctAttendance(body);
    expect(sent.map(({ method, url, csrf }) => `${method} ${url} ${csrf ?? '-'}`)).toEqual([
      'GET /api/v1/attendance?from_ms=1&to_ms=2&agent=a1005 -',
      'POST /api/v1/attendance/corrections tok',
    ]);
    expect(sent[1]!.body).toEqual(body);
  });
});
