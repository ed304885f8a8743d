import { describe, expect, it } from 'vitest';
import { centreClock } from '../../src/format/centre_clock';
import {
  canCorrect,
  canCorrectAgent,
  controlOfCorrectionField,
  correctionBody,
  correctionDraft,
  kMaxReasonLength,
  type CorrectionDraft,
} from '../../src/pages/attendance_correction';
import { attendanceDay, kAttendanceDay } from './fixtures';

// Correcting a day on the Attendance page (docs/api.md POST /api/v1/attendance/corrections):
// the form filled with what counts now, the times typed (in any digits) turned into instants
// of that day on the centre's clock, what the form refuses first with the API's field names,
// and the server's field names back to the form's controls.

const kMinuteMs = 60_000;
const at = (hours: number, minutes = 0) => kAttendanceDay + (hours * 60 + minutes) * kMinuteMs;
const tehran = centreClock('Asia/Tehran', kAttendanceDay);
const draft = (overrides: Partial<CorrectionDraft> = {}): CorrectionDraft => ({ login: '08:00', logout: '16:00', logoutNextDay: false, reason: 'Phone was down', ...overrides });

describe('the correction form', () => {
  it('opens with the times logged, in the reader\'s digits, and no reason', () => {
    expect(correctionDraft(attendanceDay(), tehran, 'en')).toEqual({ login: '08:05', logout: '16:02', logoutNextDay: false, reason: '' });
    expect(correctionDraft(attendanceDay(), tehran, 'fa')).toEqual({ login: '۰۸:۰۵', logout: '۱۶:۰۲', logoutNextDay: false, reason: '' });
  });

  it("opens with a corrected day's correction, a logout after midnight as the next day", () => {
    const correction = { login_ms: at(22), logout_ms: at(30, 15), reason: 'Night shift', by: 'supervisor', at_ms: at(31) };
    expect(correctionDraft(attendanceDay({ correction }), tehran, 'en')).toEqual({ login: '22:00', logout: '06:15', logoutNextDay: true, reason: '' });
  });

  it("opens an absent day with its shift's times, a night shift ending the next day", () => {
    const absent = attendanceDay({ first_login_ms: null, last_logout_ms: null, absent: true });
    expect(correctionDraft(absent, tehran, 'en')).toMatchObject({ login: '08:00', logout: '16:00', logoutNextDay: false });
    expect(correctionDraft({ ...absent, shift: { start: '22:00', end: '06:00' } }, tehran, 'en')).toMatchObject({ login: '22:00', logout: '06:00', logoutNextDay: true });
    expect(correctionDraft({ ...absent, shift: null }, tehran, 'en')).toMatchObject({ login: '', logout: '', logoutNextDay: false });
    // Still logged in: the login kept, the logout to be written.
    expect(correctionDraft(attendanceDay({ last_logout_ms: null }), tehran, 'en')).toMatchObject({ login: '08:05', logout: '16:00' });
  });

  it('sends the agent, the day, the times as instants of that day and the reason', () => {
    expect(correctionBody(draft(), attendanceDay(), tehran)).toEqual({
      body: { agent: 'a1005', day_ms: kAttendanceDay, login_ms: at(8), logout_ms: at(16), reason: 'Phone was down' },
    });
  });

  it('reads times in Persian digits, a logout the next day, and trims the reason', () => {
    const made = correctionBody(draft({ login: '۲۲:۰۰', logout: '۶:۳۰', logoutNextDay: true, reason: '  شیفت شب  ' }), attendanceDay(), tehran);
    expect(made).toEqual({ body: { agent: 'a1005', day_ms: kAttendanceDay, login_ms: at(22), logout_ms: at(30, 30), reason: 'شیفت شب' } });
  });

  it('reads the times on the centre\'s clock with a fixed offset too', () => {
    const made = correctionBody(draft(), attendanceDay(), centreClock('', kAttendanceDay));
    expect(made).toMatchObject({ body: { login_ms: at(8), logout_ms: at(16) } });
  });

  it('refuses, in the form\'s order, what is plainly wrong, naming the API\'s field', () => {
    const day = attendanceDay();
    const problem = (overrides: Partial<CorrectionDraft>) => {
      const made = correctionBody(draft(overrides), day, tehran);
      return 'problem' in made ? made.problem : null;
    };
    expect(problem({ login: '8' })).toEqual({ field: 'login_ms', message: 'schedules.error_time' });
    expect(problem({ login: '', logout: '' })).toEqual({ field: 'login_ms', message: 'schedules.error_time' });
    expect(problem({ logout: '25:00' })).toEqual({ field: 'logout_ms', message: 'schedules.error_time' });
    expect(problem({ logout: '07:00' })).toEqual({ field: 'logout_ms', message: 'attendance.error_order' });
    expect(problem({ logout: '08:00' })).toEqual({ field: 'logout_ms', message: 'attendance.error_order' });
    expect(problem({ logout: '07:00', logoutNextDay: true })).toBeNull();
    expect(problem({ reason: '   ' })).toEqual({ field: 'reason', message: 'attendance.error_reason' });
    expect(problem({ reason: 'x'.repeat(kMaxReasonLength + 1) })).toEqual({ field: 'reason', message: 'attendance.error_reason' });
    // 200 characters are letters, not UTF-16 units.
    expect(problem({ reason: 'ی'.repeat(kMaxReasonLength) })).toBeNull();
  });

  it("puts the server's refusal beside the control of the field it names", () => {
    expect(controlOfCorrectionField('login_ms')).toBe('login');
    expect(controlOfCorrectionField('logout_ms')).toBe('logout');
    expect(controlOfCorrectionField('reason')).toBe('reason');
    expect(controlOfCorrectionField('day_ms')).toBeNull();
    expect(controlOfCorrectionField('agent')).toBeNull();
    expect(controlOfCorrectionField('toString')).toBeNull();
    expect(controlOfCorrectionField(null)).toBeNull();
  });

  it('is for managers and supervisors only', () => {
    expect(canCorrect({ role: 'manager' })).toBe(true);
    expect(canCorrect({ role: 'supervisor' })).toBe(true);
    expect(canCorrect({ role: 'qa' })).toBe(false);
    expect(canCorrect({ role: 'agent' })).toBe(false);
  });

  it("is not for one's own days: a supervisor who takes calls corrects their team's, not theirs", () => {
    expect(canCorrectAgent({ role: 'supervisor', agent: 'a1010' }, 'a1005')).toBe(true);
    expect(canCorrectAgent({ role: 'supervisor', agent: 'a1010' }, 'a1010')).toBe(false);
    expect(canCorrectAgent({ role: 'manager', agent: null }, 'a1010')).toBe(true);
    expect(canCorrectAgent({ role: 'agent', agent: 'a1010' }, 'a1010')).toBe(false);
    expect(canCorrectAgent({ role: 'qa', agent: null }, 'a1010')).toBe(false);
  });
});
