import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import type { Alert, Language } from '../../src/api/types';
import { acknowledgedText, alertLine, alertText, canAcknowledge } from '../../src/pages/alerts_text';
import { alert } from './fixtures';

// The KPI alerts' banner line on the console and the wallboard (docs/alerts.md): each measure in
// its unit, in the reader's digits, since when, and who acknowledged it.

/** Without the Unicode isolates around names (invisible; they keep "sales" whole in Persian). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const text = (a: Alert, language: Language) => plain(alertText(a, language));

const kSupportNoOneFree = alert(2, { rule: 'support-no-one-free', measure: 'agents-available', subject: 'support', queue: 'support', value: 0, threshold: 1 });
const kLongBreak = alert(3, { rule: 'long-breaks', measure: 'agent-paused', subject: 'a1007', queue: null, value: 965, threshold: 900 });
const kLowQa = alert(4, { rule: 'qa-low', measure: 'qa-score', subject: 'a1007', queue: 'support', value: 72.46, threshold: 80 });
const kCarrierDown = alert(5, { rule: 'carrier-down', measure: 'trunk-unreachable', subject: 'carrier', queue: null, value: 1, threshold: 0 });

describe('an alert in English', () => {
  it('service level and abandon rate: shares as percentages, bad below and above', () => {
    expect(text(alert(1), 'en')).toBe('Service level of sales 62% (below 80%)');
    expect(text(alert(1, { measure: 'abandon-rate', value: 0.125, threshold: 0.1 }), 'en')).toBe('Abandon rate of sales 12.5% (above 10%)');
  });

  it('waiting callers and agents available: counts', () => {
    expect(text(alert(1, { measure: 'waiting', value: 9, threshold: 8 }), 'en')).toBe('Callers waiting in sales: 9 (above 8)');
    expect(text(kSupportNoOneFree, 'en')).toBe('No one free in support: 0 available (below 1)');
    expect(text({ ...kSupportNoOneFree, value: 1, threshold: 3 }, 'en')).toBe('Few free in support: 1 available (below 3)');
  });

  it('longest wait and an agent on a break: seconds as m:ss', () => {
    expect(text(alert(1, { measure: 'longest-wait', value: 185.6, threshold: 120 }), 'en')).toBe('Longest wait in sales 3:05 (over 2:00)');
    expect(text(kLongBreak, 'en')).toBe('a1007 on a break 16:05 (over 15:00)');
    expect(text({ ...kLongBreak, measure: 'breaks-today', value: 3700, threshold: 3600 }, 'en')).toBe('a1007 on breaks today 1:01:40 (over 1:00:00)');
  });

  it("an agent's QA score: a percentage 0..100 (not a share) with one decimal, bad below", () => {
    expect(text(kLowQa, 'en')).toBe('QA score of a1007 72.5% (below 80%)');
    expect(text({ ...kLowQa, value: 64, threshold: 72.5 }, 'en')).toBe('QA score of a1007 64% (below 72.5%)');
  });

  it('a trunk unreachable: its name, no figure', () => {
    expect(text(kCarrierDown, 'en')).toBe('Trunk carrier unreachable');
  });

  it("names the centre for a rule on the centre's totals", () => {
    expect(text(alert(1, { subject: '', queue: null }), 'en')).toBe('Service level of the centre 62% (below 80%)');
    expect(text(alert(1, { measure: 'waiting', subject: '', queue: null, value: 9, threshold: 8 }), 'en')).toBe('Callers waiting in the centre: 9 (above 8)');
  });

  it('shows a measure added to the server later by its rule, rather than failing', () => {
    const unknown = alert(1, { rule: 'trunk-busy', measure: 'trunk-usage' as Alert['measure'], value: 0.95, threshold: 0.9 });
    expect(text(unknown, 'en')).toBe('trunk-busy: 0.95 (threshold 0.9)');
  });

  it('keeps names whole inside the sentence (Unicode isolates)', () => {
    expect(alertText(alert(1), 'fa')).toContain('\u2068sales\u2069');
  });
});

describe('an alert in Persian and Arabic', () => {
  it('writes every figure in Persian digits', () => {
    expect(text(alert(1), 'fa')).toBe('سطح خدمت sales ۶۲٪ (کمتر از ۸۰٪)');
    expect(text(alert(1, { measure: 'abandon-rate', value: 0.125, threshold: 0.1 }), 'fa')).toBe('نرخ رهاشدگی sales ۱۲٫۵٪ (بیشتر از ۱۰٪)');
    expect(text(alert(1, { measure: 'waiting', value: 12, threshold: 8 }), 'fa')).toBe('تماس‌های در انتظار در sales: ۱۲ (بیشتر از ۸)');
    expect(text(alert(1, { measure: 'longest-wait', value: 185, threshold: 120 }), 'fa')).toBe('طولانی‌ترین انتظار در sales ۳:۰۵ (بیشتر از ۲:۰۰)');
    expect(text(kSupportNoOneFree, 'fa')).toBe('هیچ کارشناس آزادی در support نیست: ۰ آماده (کمتر از ۱)');
    expect(text(kLongBreak, 'fa')).toBe('a1007 در استراحت ۱۶:۰۵ (بیش از ۱۵:۰۰)');
    expect(text(alert(1, { subject: '', queue: null }), 'fa')).toBe('سطح خدمت کل مرکز ۶۲٪ (کمتر از ۸۰٪)');
    expect(text(kLowQa, 'fa')).toBe('امتیاز کیفیت a1007 ۷۲٫۵٪ (کمتر از ۸۰٪)');
    expect(text(kCarrierDown, 'fa')).toBe('ترانک carrier در دسترس نیست');
  });

  it('says a QA score and a trunk in Arabic', () => {
    // Arabic writes a percentage with the Arabic letter mark after its sign (Intl's own).
    expect(text(kLowQa, 'ar')).toBe('درجة الجودة لـ a1007 ٧٢٫٥٪\u061C (أقل من ٨٠٪\u061C)');
    expect(text(kCarrierDown, 'ar')).toBe('الخط carrier غير متاح');
  });

  it("keeps a trunk's and an agent's name whole inside a right-to-left sentence", () => {
    expect(alertText(kCarrierDown, 'fa')).toContain('\u2068carrier\u2069');
    expect(alertText(kLowQa, 'ar')).toContain('\u2068a1007\u2069');
  });

  it('writes no Latin digit in Persian or Arabic (names aside)', () => {
    const all = [
      alert(1),
      alert(1, { measure: 'abandon-rate', value: 0.3 }),
      alert(1, { measure: 'waiting', value: 12, threshold: 8 }),
      alert(1, { measure: 'longest-wait', value: 185, threshold: 120 }),
      kSupportNoOneFree,
      kLongBreak,
      kLowQa,
      kCarrierDown,
    ];
    for (const language of ['fa', 'ar'] as const) {
      for (const a of all) {
        expect(text(a, language).replace(a.subject, ''), `${language} ${a.measure}`).not.toMatch(/[0-9]/);
      }
    }
    expect(text(kLongBreak, 'ar')).toBe('a1007 في استراحة ١٦:٠٥ (أكثر من ١٥:٠٠)');
  });
});

describe('the banner line', () => {
  // 10:17 in Tehran on 21 March 2025 (06:47 UTC).
  const raised = Date.UTC(2025, 2, 21, 6, 47);
  const raisedAlert = alert(1, { raised_at_ms: raised });

  it('says since when, as the time of day in the reader digits', () => {
    expect(plain(alertLine(raisedAlert, raised + 60_000, 'en', 'Asia/Tehran'))).toBe('Service level of sales 62% (below 80%) since 10:17');
    expect(plain(alertLine(raisedAlert, raised + 60_000, 'fa', 'Asia/Tehran'))).toBe('سطح خدمت sales ۶۲٪ (کمتر از ۸۰٪) از ۱۰:۱۷');
  });

  it('says since when a trunk has been unreachable, in the reader digits', () => {
    const down = { ...kCarrierDown, raised_at_ms: raised };
    expect(plain(alertLine(down, raised + 60_000, 'en', 'Asia/Tehran'))).toBe('Trunk carrier unreachable since 10:17');
    expect(plain(alertLine(down, raised + 60_000, 'fa', 'Asia/Tehran'))).toBe('ترانک carrier در دسترس نیست از ۱۰:۱۷');
    expect(plain(alertLine(down, raised + 60_000, 'ar', 'Asia/Tehran'))).toBe('الخط carrier غير متاح منذ ١٠:١٧');
    expect(plain(alertLine({ ...kLowQa, raised_at_ms: raised }, raised + 60_000, 'fa', 'Asia/Tehran'))).toBe('امتیاز کیفیت a1007 ۷۲٫۵٪ (کمتر از ۸۰٪) از ۱۰:۱۷');
  });

  it('gives the date too for an alert raised on another day', () => {
    expect(plain(alertLine(raisedAlert, raised + 86_400_000, 'en', 'Asia/Tehran'))).toBe('Service level of sales 62% (below 80%) since 21/03/2025 10:17');
  });

  it('says who acknowledged it, and nothing while nobody has', () => {
    expect(acknowledgedText(raisedAlert, 'en')).toBe('');
    const acknowledged = { ...raisedAlert, acknowledged_by: 'supervisor', acknowledged_at_ms: raised + 5_000 };
    expect(plain(acknowledgedText(acknowledged, 'en'))).toBe('Acknowledged by supervisor');
    expect(plain(acknowledgedText(acknowledged, 'fa'))).toBe('تأییدشده توسط supervisor');
  });
});

describe('acknowledging', () => {
  it('is for supervisors and managers', () => {
    expect(canAcknowledge({ role: 'supervisor' })).toBe(true);
    expect(canAcknowledge({ role: 'manager' })).toBe(true);
    expect(canAcknowledge({ role: 'qa' })).toBe(false);
    expect(canAcknowledge({ role: 'agent' })).toBe(false);
  });

  it('posts to the alert with the CSRF header and no body; the poll asks for the active ones only', async () => {
    const sent: { url: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, headers: init.headers as Record<string, string>, body: init.body });
      return new Response(JSON.stringify({ alert: alert(7), alerts: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' }));
    await api.acknowledgeAlert(7);
    await api.activeAlerts();
    expect(sent).toEqual([
      { url: '/api/v1/alerts/7/acknowledge', method: 'POST', headers: { Accept: 'application/json', 'X-CSRF-Token': 'tok' }, body: undefined },
      { url: '/api/v1/alerts?active=true', method: 'GET', headers: { Accept: 'application/json' }, body: undefined },
    ]);
  });
});
