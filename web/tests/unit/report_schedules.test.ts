import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import type { ReportSchedule, ReportSend, ScheduleBody } from '../../src/api/types';
import {
  controlOfField,
  draftFromSchedule,
  looksLikeAddress,
  newScheduleDraft,
  parseRecipients,
  parseTimeOfDay,
  recipientIndex,
  refusedField,
  scheduleBody,
  scopeChoiceOf,
  scopeOfChoice,
  type ScheduleDraft,
} from '../../src/pages/schedule_draft';
import { withSend } from '../../src/pages/schedule_sends';
import {
  canSchedule,
  frequencyText,
  instantText,
  lastSendText,
  nextSendText,
  nextTryText,
  recipientsText,
  scheduleScopeText,
  sendRangeText,
  sendStatusKey,
  sendStatusText,
  sendTone,
} from '../../src/pages/schedule_text';

// Scheduled reports on the Reports page (docs/api.md /api/v1/report-schedules and
// /api/v1/report-sends): the form's addresses, time and body with the API's field names, the
// server's field paths back to the form's controls, and a schedule and its sends as the page
// writes them in the reader's language, digits and calendar.

/** Without the Unicode isolates around names and times (invisible). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const kTehran = 'Asia/Tehran';
/** 2025-12-05 00:00 in Tehran (+03:30): 14 Azar 1404. */
const kDay = Date.UTC(2025, 11, 4, 20, 30);
const kDayMs = 86_400_000;

function send(overrides: Partial<ReportSend> = {}): ReportSend {
  return {
    id: 41, schedule_id: 7, due_ms: kDay + kDayMs + 8 * 3_600_000, from_ms: kDay, to_ms: kDay + kDayMs,
    status: 'pending', attempts: 0, next_try_ms: kDay + kDayMs + 8 * 3_600_000, last_error: '', sent_at_ms: null,
    ...overrides,
  };
}

function schedule(overrides: Partial<ReportSchedule> = {}): ReportSchedule {
  return {
    id: 7, name: 'Sales daily', owner: 'manager', scope: { kind: 'queue', id: 'sales' }, frequency: 'daily', at: '08:30',
    language: 'fa', recipients: ['boss@example.com', 'team@example.org'], enabled: true, created_at_ms: kDay,
    next_due_ms: kDay + kDayMs + 8.5 * 3_600_000, last_send: null,
    ...overrides,
  };
}

const draft = (overrides: Partial<ScheduleDraft> = {}): ScheduleDraft => ({ ...newScheduleDraft('en'), name: 'Daily', recipients: 'a@example.com', ...overrides });

describe('the recipients typed', () => {
  it('are one a line or separated by commas, Persian commas and semicolons too, blanks dropped', () => {
    expect(parseRecipients('a@x.com\nb@y.org, c@z.net;d@w.io\r\n\n  ')).toEqual(['a@x.com', 'b@y.org', 'c@z.net', 'd@w.io']);
    expect(parseRecipients('a@x.com\u060C b@y.org')).toEqual(['a@x.com', 'b@y.org']);
    expect(parseRecipients(' , \n')).toEqual([]);
  });

  it('look like addresses, lightly', () => {
    expect(looksLikeAddress('supervisor@centre.example.com')).toBe(true);
    expect(looksLikeAddress('first.last+reports@example.ir')).toBe(true);
    // No stricter than the server: a host without a dot is one.
    expect(looksLikeAddress('ops@localhost')).toBe(true);
    for (const wrong of ['boss', 'boss@', '@example.com', 'a b@example.com', 'a@b@c.com', '<boss@example.com>', '"boss"@example.com', 'a\\b@example.com']) {
      expect(looksLikeAddress(wrong), wrong).toBe(false);
    }
  });
});

describe('the time of day typed', () => {
  it('is HH:MM in any digits', () => {
    expect(parseTimeOfDay('08:30')).toBe('08:30');
    expect(parseTimeOfDay(' 7:05 ')).toBe('07:05');
    expect(parseTimeOfDay('۰۸:۳۰')).toBe('08:30');
    expect(parseTimeOfDay('٢٣.٥٩')).toBe('23:59');
    expect(parseTimeOfDay('00:00')).toBe('00:00');
  });

  it('is refused when it is not a time of day', () => {
    for (const wrong of ['24:00', '12:60', '8', '8:5', '08:30:00', 'noon', '']) {
      expect(parseTimeOfDay(wrong), wrong).toBeNull();
    }
  });
});

describe('the body sent', () => {
  it('has the API names: the scope as kind and id, the time as HH:MM, the addresses as a list', () => {
    const made = scheduleBody(draft({ name: '  Sales daily ', scope: 'queue:sales', frequency: 'weekly', at: '۷:۰۰', language: 'fa', recipients: 'a@x.com\nb@y.org', enabled: false }));
    expect(made).toEqual({
      body: { name: 'Sales daily', scope: { kind: 'queue', id: 'sales' }, frequency: 'weekly', at: '07:00', language: 'fa', recipients: ['a@x.com', 'b@y.org'], enabled: false },
    });
  });

  it('names the centre with an empty id, an agent by their id', () => {
    expect(scopeOfChoice('centre')).toEqual({ kind: 'centre', id: '' });
    expect(scopeOfChoice('agent:a1005')).toEqual({ kind: 'agent', id: 'a1005' });
    expect(scopeOfChoice('queue:')).toEqual({ kind: 'centre', id: '' });
    expect(scopeOfChoice('nonsense')).toEqual({ kind: 'centre', id: '' });
    expect(scopeChoiceOf({ kind: 'centre', id: '' })).toBe('centre');
    expect(scopeChoiceOf({ kind: 'queue', id: 'sales' })).toBe('queue:sales');
  });

  it('of a new schedule: the centre, daily at 08:00, in the author\'s language, on', () => {
    expect(newScheduleDraft('ar')).toEqual({ id: null, name: '', scope: 'centre', frequency: 'daily', at: '08:00', language: 'ar', recipients: '', enabled: true });
  });

  it('of a saved schedule is the schedule as it was', () => {
    const saved = schedule();
    const again = draftFromSchedule(saved);
    expect(again).toMatchObject({ id: 7, scope: 'queue:sales', recipients: 'boss@example.com\nteam@example.org' });
    const body: ScheduleBody = { name: saved.name, scope: saved.scope, frequency: saved.frequency, at: saved.at, language: saved.language, recipients: saved.recipients, enabled: saved.enabled };
    expect(scheduleBody(again)).toEqual({ body });
  });

  it('is not sent when something is plainly wrong, and the field is named as the server would', () => {
    expect(scheduleBody(draft({ name: '  ' }))).toEqual({ problem: { field: 'name', message: 'schedules.error_name' } });
    expect(scheduleBody(draft({ name: 'x'.repeat(101) }))).toMatchObject({ problem: { field: 'name' } });
    expect(scheduleBody(draft({ name: 'ب'.repeat(100) }))).toHaveProperty('body');
    expect(scheduleBody(draft({ at: '25:00' }))).toEqual({ problem: { field: 'at', message: 'schedules.error_time' } });
    expect(scheduleBody(draft({ recipients: '' }))).toEqual({ problem: { field: 'recipients', message: 'schedules.error_recipient_count' } });
    const many = Array.from({ length: 21 }, (_, i) => `p${i}@example.com`).join('\n');
    expect(scheduleBody(draft({ recipients: many }))).toMatchObject({ problem: { field: 'recipients' } });
    expect(scheduleBody(draft({ recipients: many.split('\n').slice(0, 20).join(',') }))).toHaveProperty('body');
    expect(scheduleBody(draft({ recipients: 'a@x.com, boss at example.com' }))).toEqual({
      problem: { field: 'recipients[1]', message: 'schedules.error_recipient', params: { address: 'boss at example.com' } },
    });
  });
});

describe("the server's field paths", () => {
  it('point at the control they are about', () => {
    expect(controlOfField('recipients[1]')).toBe('recipients');
    expect(controlOfField('recipients')).toBe('recipients');
    expect(controlOfField('scope.id')).toBe('scope');
    expect(controlOfField('scope')).toBe('scope');
    expect(controlOfField('at')).toBe('at');
    expect(controlOfField('enabled')).toBe('enabled');
    expect(controlOfField('id')).toBeNull();
    expect(controlOfField('schedule')).toBeNull();
    expect(controlOfField(null)).toBeNull();
  });

  it('or, when there is none, the scope for a scope the author may not have', () => {
    expect(refusedField({ code: 'invalid_value', field: 'recipients[1]' }, true)).toBe('recipients[1]');
    expect(refusedField({ code: 'forbidden', field: null }, true)).toBe('scope');
    expect(refusedField({ code: 'forbidden', field: null }, false)).toBe('scope');
    expect(refusedField({ code: 'not_found', field: null }, true)).toBe('scope');
    // A change answered 404: the schedule may be gone (or another supervisor's).
    expect(refusedField({ code: 'not_found', field: null }, false)).toBeNull();
    expect(refusedField({ code: 'csrf_failed', field: null }, true)).toBeNull();
    expect(refusedField({ code: 'network', field: null }, true)).toBeNull();
  });

  it('name an address by its place in the list sent', () => {
    expect(recipientIndex('recipients[1]')).toBe(1);
    expect(recipientIndex('recipients[12]')).toBe(12);
    expect(recipientIndex('recipients')).toBeNull();
    expect(recipientIndex('name')).toBeNull();
    expect(recipientIndex(null)).toBeNull();
  });
});

describe('a send', () => {
  it('says whether it waits, is tried again, went out or gave up', () => {
    expect(sendStatusKey({ status: 'pending', attempts: 0 })).toBe('schedules.status_pending');
    expect(sendStatusKey({ status: 'pending', attempts: 2 })).toBe('schedules.status_retrying');
    expect(sendStatusKey({ status: 'sent', attempts: 1 })).toBe('schedules.status_sent');
    expect(sendStatusKey({ status: 'failed', attempts: 5 })).toBe('schedules.status_failed');
    expect(sendStatusText({ status: 'pending', attempts: 0 }, 'en')).toBe('Waiting to be sent');
    expect(sendStatusText({ status: 'pending', attempts: 1 }, 'en')).toBe('Failed, will try again');
    expect(sendStatusText({ status: 'failed', attempts: 5 }, 'fa')).toBe('ناموفق');
    expect(sendStatusText({ status: 'sent', attempts: 1 }, 'ar')).toBe('أُرسل');
    // A status added to the server later is shown as it says it.
    expect(sendStatusText({ status: 'cancelled' as ReportSend['status'], attempts: 0 }, 'en')).toBe('cancelled');
  });

  it('is coloured by how it went', () => {
    expect(sendTone({ status: 'sent', attempts: 1 })).toBe('green');
    expect(sendTone({ status: 'failed', attempts: 5 })).toBe('red');
    expect(sendTone({ status: 'pending', attempts: 1 })).toBe('amber');
    expect(sendTone({ status: 'pending', attempts: 0 })).toBe('');
  });

  it('shows its next try only while pending, in the reader\'s calendar and digits', () => {
    const waiting = send({ next_try_ms: kDay + 9 * 3_600_000 });
    expect(nextTryText(waiting, 'en', kTehran)).toBe('05/12/2025 09:00');
    expect(nextTryText(waiting, 'fa', kTehran)).toBe('۱۴۰۴/۰۹/۱۴ ۰۹:۰۰');
    expect(nextTryText({ ...waiting, status: 'failed' }, 'en', kTehran)).toBe('–');
    expect(nextTryText({ ...waiting, next_try_ms: null }, 'en', kTehran)).toBe('–');
    expect(instantText(null, 'fa')).toBe('–');
  });

  it('reports a day, a week, or a span that is not whole days', () => {
    expect(sendRangeText(send(), 'en', kTehran)).toBe('05/12/2025');
    expect(sendRangeText(send(), 'fa', kTehran)).toBe('۱۴۰۴/۰۹/۱۴');
    const week = send({ to_ms: kDay + 7 * kDayMs });
    expect(plain(sendRangeText(week, 'en', kTehran))).toBe('05/12/2025 to 11/12/2025');
    expect(plain(sendRangeText(week, 'fa', kTehran))).toBe('۱۴۰۴/۰۹/۱۴ تا ۱۴۰۴/۰۹/۲۰');
    const hours = send({ from_ms: kDay + 3_600_000, to_ms: kDay + 3 * 3_600_000 });
    expect(plain(sendRangeText(hours, 'en', kTehran))).toBe('05/12/2025 01:00 to 05/12/2025 03:00');
  });

  it('replaces the one of the same id, or comes first', () => {
    const older = send({ id: 40, status: 'sent' });
    const failed = send({ status: 'failed', attempts: 5 });
    expect(withSend([failed, older], { ...failed, status: 'pending' }).map((s) => [s.id, s.status])).toEqual([[41, 'pending'], [40, 'sent']]);
    expect(withSend([older], failed).map((s) => s.id)).toEqual([41, 40]);
  });
});

describe('a schedule in the list', () => {
  it('says how often and when, in the reader\'s digits', () => {
    expect(plain(frequencyText('daily', '08:30', 'en'))).toBe('Daily at 08:30');
    expect(plain(frequencyText('weekly', '07:00', 'en'))).toBe('Weekly, on the first day at 07:00');
    expect(plain(frequencyText('monthly', '06:15', 'fa'))).toBe('ماهانه، روز اول ماه ساعت ۰۶:۱۵');
    expect(plain(frequencyText('daily', '08:30', 'ar'))).toBe('يوميًا الساعة ٠٨:٣٠');
  });

  it('says whose report it is', () => {
    const name = (id: string) => (id === 'a1005' ? 'Agent 1005' : id);
    expect(scheduleScopeText({ kind: 'centre', id: '' }, 'en', name)).toBe('The whole centre');
    expect(plain(scheduleScopeText({ kind: 'queue', id: 'sales' }, 'en', name))).toBe('Queue: sales');
    expect(plain(scheduleScopeText({ kind: 'agent', id: 'a1005' }, 'fa', name))).toBe('کارشناس: Agent 1005');
  });

  it('says when it sends next, in the Jalali calendar for Persian, and not while it is off', () => {
    expect(nextSendText(schedule(), 'fa', kTehran)).toBe('۱۴۰۴/۰۹/۱۵ ۰۸:۳۰');
    expect(nextSendText(schedule(), 'en', kTehran)).toBe('06/12/2025 08:30');
    expect(nextSendText(schedule({ enabled: false }), 'fa', kTehran)).toBe('–');
  });

  it('says how its last send went, or that there was none', () => {
    expect(lastSendText(schedule(), 'en')).toBe('Not sent yet');
    const sent = schedule({ last_send: send({ status: 'sent', attempts: 1, sent_at_ms: kDay + 8 * 3_600_000 + 60_000 }) });
    expect(plain(lastSendText(sent, 'en', kTehran))).toBe('Sent, 05/12/2025 08:01');
    expect(plain(lastSendText(sent, 'fa', kTehran))).toBe('ارسال شد، ۱۴۰۴/۰۹/۱۴ ۰۸:۰۱');
    // Not sent: when it was due.
    const waiting = schedule({ last_send: send({ due_ms: kDay + 8 * 3_600_000 }) });
    expect(plain(lastSendText(waiting, 'en', kTehran))).toBe('Waiting to be sent, 05/12/2025 08:00');
  });

  it('lists its addresses in the reader\'s punctuation', () => {
    expect(plain(recipientsText(['a@x.com', 'b@y.org'], 'en'))).toBe('a@x.com, b@y.org');
    expect(plain(recipientsText(['a@x.com', 'b@y.org'], 'fa'))).toBe('a@x.com، b@y.org');
  });

  it('is for managers and supervisors only', () => {
    expect(canSchedule({ role: 'manager' })).toBe(true);
    expect(canSchedule({ role: 'supervisor' })).toBe(true);
    expect(canSchedule({ role: 'qa' })).toBe(false);
    expect(canSchedule({ role: 'agent' })).toBe(false);
  });
});

describe('the requests', () => {
  it('go to the documented paths, changes with the CSRF header', async () => {
    const sent: { url: string; method: string; csrf: string | undefined; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, csrf: (init.headers as Record<string, string>)['X-CSRF-Token'], body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
      return init.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ schedule: schedule(), schedules: [], send: send(), sends: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' }));
    const made = scheduleBody(draft());
    if (!('body' in made)) {
      throw new Error('no body');
    }
    await api.reportSchedules();
    await api.createReportSchedule(made.body);
    await api.updateReportSchedule(7, made.body);
    await api.sendReportSchedule(7);
    await api.reportSends(7);
    await api.retryReportSend(41);
    await api.deleteReportSchedule(7);
    expect(sent.map(({ method, url, csrf }) => `${method} ${url} ${csrf ?? '-'}`)).toEqual([
      'GET /api/v1/report-schedules -',
      'POST /api/v1/report-schedules tok',
      'PUT /api/v1/report-schedules/7 tok',
      'POST /api/v1/report-schedules/7/send tok',
      'GET /api/v1/report-sends?schedule=7 -',
      'POST /api/v1/report-sends/41/retry tok',
      'DELETE /api/v1/report-schedules/7 tok',
    ]);
    expect(sent[1]!.body).toEqual({ name: 'Daily', scope: { kind: 'centre', id: '' }, frequency: 'daily', at: '08:00', language: 'en', recipients: ['a@example.com'], enabled: true });
    expect(sent[2]!.body).toEqual(sent[1]!.body);
    expect(sent[3]!.body).toBeUndefined();
  });
});
