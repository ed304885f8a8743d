import { describe, expect, it } from 'vitest';
import {
  acknowledgedCellText,
  alertConditionText,
  alertSubjectText,
  alertValueText,
  canBeAcknowledged,
  clearedText,
  newestFirst,
} from '../../src/pages/alerts_history_text';
import { alert } from './fixtures';

// The KPI alerts' history on the Alerts page (docs/api.md GET /api/v1/alerts): the latest
// first, each cell in the reader's language, digits and calendar, and Acknowledge only for
// an alert up that nobody has acknowledged.

/** Without the Unicode isolates around names and times (invisible). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const names = (id: string) => ({ a1007: 'Agent 1007' })[id] ?? id;
// 10:17 and 10:20 in Tehran on 6 December 2026 (15 Azar 1405).
const kRaised = Date.UTC(2026, 11, 6, 6, 47);
const kLater = kRaised + 3 * 60_000;

describe('the history', () => {
  it('lists the latest raised first, whatever order it came in', () => {
    const list = [alert(1, { raised_at_ms: 5 }), alert(3, { raised_at_ms: 9 }), alert(2, { raised_at_ms: 9 }), alert(4, { raised_at_ms: 1 })];
    expect(newestFirst(list).map((a) => a.id)).toEqual([3, 2, 1, 4]);
    expect(list.map((a) => a.id)).toEqual([1, 3, 2, 4]);
  });

  it('what an alert is about: a queue, the centre, or an agent by name', () => {
    expect(plain(alertSubjectText(alert(1), 'en', names))).toBe('sales');
    expect(alertSubjectText(alert(1, { subject: '', queue: null }), 'fa', names)).toBe('کل مرکز');
    expect(plain(alertSubjectText(alert(1, { measure: 'agent-paused', subject: 'a1007', queue: null }), 'en', names))).toBe('Agent 1007');
    expect(plain(alertSubjectText(alert(1, { measure: 'breaks-today', subject: 'a1009', queue: 'support' }), 'en', names))).toBe('a1009');
    expect(plain(alertSubjectText(alert(1, { measure: 'qa-score', subject: 'a1007', queue: 'support' }), 'fa', names))).toBe('Agent 1007');
    // A trunk by its configured name (no agent of that id is looked up).
    expect(plain(alertSubjectText(alert(1, { measure: 'trunk-unreachable', subject: 'a1007', queue: null }), 'en', names))).toBe('a1007');
    expect(alertSubjectText(alert(1, { measure: 'trunk-unreachable', subject: 'carrier', queue: null }), 'fa', names)).toBe('\u2068carrier\u2069');
  });

  it("an agent's QA score: the figure and the threshold as percentages 0..100, one decimal", () => {
    const low = alert(1, { measure: 'qa-score', subject: 'a1007', value: 72.46, threshold: 80 });
    expect(alertValueText(low, 'en')).toBe('72.5%');
    expect(alertValueText(low, 'fa')).toBe('۷۲٫۵٪');
    expect(alertConditionText(low, 'en')).toBe('Below 80%');
    expect(alertConditionText(low, 'fa')).toBe('کمتر از ۸۰٪');
  });

  it('a trunk unreachable: the state in words, no threshold', () => {
    const down = alert(1, { measure: 'trunk-unreachable', subject: 'carrier', queue: null, value: 1, threshold: 0 });
    expect(alertValueText(down, 'en')).toBe('Unreachable');
    expect(alertValueText(down, 'fa')).toBe('در دسترس نیست');
    expect(alertValueText(down, 'ar')).toBe('غير متاح');
    expect(alertConditionText(down, 'en')).toBe('–');
    expect(alertConditionText(down, 'ar')).toBe('–');
  });

  it('the figure and the threshold in the measure unit and the reader digits', () => {
    expect(alertValueText(alert(1), 'en')).toBe('62%');
    expect(alertValueText(alert(1), 'fa')).toBe('۶۲٪');
    expect(alertConditionText(alert(1), 'fa')).toBe('کمتر از ۸۰٪');
    expect(alertValueText(alert(1, { measure: 'agent-paused', value: 965 }), 'ar')).toBe('١٦:٠٥');
    expect(alertConditionText(alert(1, { measure: 'agent-paused', threshold: 900 }), 'en')).toBe('Above 15:00');
    expect(alertValueText(alert(1, { measure: 'waiting', value: 12 }), 'fa')).toBe('۱۲');
    expect(alertConditionText(alert(1, { measure: 'agents-available', threshold: 1 }), 'en')).toBe('Below 1');
  });

  it('up now, or when it cleared, in the Jalali calendar for a Persian reader', () => {
    expect(clearedText(alert(1), 'en')).toBe('Up now');
    expect(clearedText(alert(1), 'fa')).toBe('هنوز برقرار');
    expect(clearedText(alert(1, { active: false, cleared_at_ms: kLater }), 'fa', 'Asia/Tehran')).toBe('۱۴۰۵/۰۹/۱۵ ۱۰:۲۰');
    expect(clearedText(alert(1, { active: false, cleared_at_ms: kLater }), 'en', 'Asia/Tehran')).toBe('06/12/2026 10:20');
  });

  it('who acknowledged it and when', () => {
    expect(acknowledgedCellText(alert(1), 'en')).toBe('–');
    const acknowledged = alert(1, { acknowledged_by: 'supervisor', acknowledged_at_ms: kLater });
    expect(plain(acknowledgedCellText(acknowledged, 'en', 'Asia/Tehran'))).toBe('supervisor, 06/12/2026 10:20');
    expect(plain(acknowledgedCellText(acknowledged, 'fa', 'Asia/Tehran'))).toBe('supervisor، ۱۴۰۵/۰۹/۱۵ ۱۰:۲۰');
    expect(plain(acknowledgedCellText({ ...acknowledged, acknowledged_at_ms: null }, 'en'))).toBe('supervisor');
  });

  it('offers Acknowledge only for an alert up that nobody has acknowledged', () => {
    expect(canBeAcknowledged(alert(1))).toBe(true);
    expect(canBeAcknowledged(alert(1, { acknowledged_by: 'manager', acknowledged_at_ms: kLater }))).toBe(false);
    expect(canBeAcknowledged(alert(1, { active: false, cleared_at_ms: kLater }))).toBe(false);
  });
});
