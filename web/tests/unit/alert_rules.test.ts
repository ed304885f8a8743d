import { describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/endpoints';
import { createRequest } from '../../src/api/http';
import type { AlertRuleBody } from '../../src/api/types';
import { hasThreshold, kAlertMeasures, offeredMeasures, thresholdUnit, type ThresholdUnit } from '../../src/pages/alert_measures';
import {
  addressIndex,
  controlOfRuleField,
  draftFromRule,
  newRuleDraft,
  refusedRuleField,
  ruleBody,
  thresholdProblem,
  type AlertRuleDraft,
} from '../../src/pages/alert_rule_draft';
import { ruleQueues } from '../../src/pages/alert_rules';
import {
  canManageRules,
  delayText,
  isChangeable,
  mailText,
  measureName,
  minCallsText,
  ruleCells,
  ruleConditionText,
  ruleQueueText,
  sourceText,
  windowText,
} from '../../src/pages/alert_rule_text';
import { minutesText, parseDecimal, parseMinutes, parseThreshold, thresholdText } from '../../src/pages/alert_threshold';
import { translate } from '../../src/i18n/i18n';
import { alertRule } from './fixtures';

// KPI alert rules on the Alerts page (docs/api.md /api/v1/alert-rules, docs/alerts.md): the
// threshold in the unit people think in and back, the body sent with the API's field names,
// the server's field paths back to the form's controls, and a rule as the table writes it in
// the reader's language and digits.

/** Without the Unicode isolates around names and times (invisible). */
const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, '');
const options = { mail: false, queueRequired: false };

function draft(overrides: Partial<AlertRuleDraft> = {}): AlertRuleDraft {
  return { ...newRuleDraft('en', 'sales'), name: 'sales-sl', threshold: '80', window: 'last-hour', ...overrides };
}

function body(made: ReturnType<typeof ruleBody>): AlertRuleBody {
  if (!('body' in made)) {
    throw new Error(`refused: ${JSON.stringify(made.problem)}`);
  }
  return made.body;
}

describe('a threshold typed in its unit', () => {
  it('service level and abandon rate: a percentage, sent as a share', () => {
    expect(parseThreshold('service-level', '80')).toBe(0.8);
    expect(parseThreshold('service-level', '80%')).toBe(0.8);
    expect(parseThreshold('service-level', ' ۸۰٪ ')).toBe(0.8);
    expect(parseThreshold('abandon-rate', '12.5')).toBe(0.125);
    expect(parseThreshold('abandon-rate', '۱۲٫۵')).toBe(0.125);
    expect(parseThreshold('abandon-rate', '٧٫٥')).toBe(0.075);
    expect(parseThreshold('service-level', '70')).toBe(0.7);
    // Over 100 % is the server's to refuse (it names the field): sent as it is.
    expect(parseThreshold('service-level', '150')).toBe(1.5);
    expect(parseThreshold('service-level', '')).toBeNull();
    expect(parseThreshold('service-level', 'eighty')).toBeNull();
    expect(parseThreshold('service-level', '-5')).toBeNull();
  });

  it('waits and pauses: minutes:seconds or seconds, sent as seconds', () => {
    expect(parseThreshold('longest-wait', '2:00')).toBe(120);
    expect(parseThreshold('longest-wait', '90')).toBe(90);
    expect(parseThreshold('agent-paused', '۱۵:۰۰')).toBe(900);
    expect(parseThreshold('breaks-today', '60:00')).toBe(3600);
    expect(parseThreshold('longest-wait', '1:75')).toBeNull();
    expect(parseThreshold('longest-wait', '2 min')).toBeNull();
    expect(parseThreshold('longest-wait', '')).toBeNull();
  });

  it('a QA score: a percentage sent as it is (the server takes 0..100), not as a share', () => {
    expect(parseThreshold('qa-score', '80')).toBe(80);
    expect(parseThreshold('qa-score', '80%')).toBe(80);
    expect(parseThreshold('qa-score', '۷۲٫۵٪')).toBe(72.5);
    expect(parseThreshold('qa-score', '٨٥')).toBe(85);
    // Over 100 is the server's to refuse (it names the field), as a service level's is.
    expect(parseThreshold('qa-score', '150')).toBe(150);
    expect(parseThreshold('qa-score', '')).toBeNull();
    expect(parseThreshold('qa-score', '-5')).toBeNull();
    expect(parseThreshold('qa-score', '0.8x')).toBeNull();
  });

  it('a trunk unreachable: no threshold, 0 sent whatever the hidden box holds', () => {
    expect(hasThreshold('trunk-unreachable')).toBe(false);
    expect(kAlertMeasures.filter(hasThreshold)).not.toContain('trunk-unreachable');
    expect(parseThreshold('trunk-unreachable', '')).toBe(0);
    expect(parseThreshold('trunk-unreachable', 'left over from another measure')).toBe(0);
    expect(thresholdText('trunk-unreachable', 0, 'fa')).toBe('');
  });

  it('callers waiting and agents available: a whole count', () => {
    expect(parseThreshold('waiting', '8')).toBe(8);
    expect(parseThreshold('agents-available', '۱')).toBe(1);
    expect(parseThreshold('waiting', '2.5')).toBeNull();
    expect(parseThreshold('waiting', '-1')).toBeNull();
  });

  it('is written back in the same unit and the reader digits, reading back the same', () => {
    expect(thresholdText('service-level', 0.8, 'en')).toBe('80');
    expect(thresholdText('service-level', 0.7, 'fa')).toBe('۷۰');
    expect(thresholdText('abandon-rate', 0.125, 'fa')).toBe('۱۲٫۵');
    expect(thresholdText('abandon-rate', 0.125, 'ar')).toBe('١٢٫٥');
    expect(thresholdText('longest-wait', 120, 'en')).toBe('2:00');
    expect(thresholdText('agent-paused', 900, 'fa')).toBe('۱۵:۰۰');
    expect(thresholdText('breaks-today', 3600, 'en')).toBe('60:00');
    expect(thresholdText('waiting', 8, 'ar')).toBe('٨');
    expect(thresholdText('qa-score', 80, 'en')).toBe('80');
    expect(thresholdText('qa-score', 72.5, 'fa')).toBe('۷۲٫۵');
    expect(thresholdText('qa-score', 72.5, 'ar')).toBe('٧٢٫٥');
    const values: Record<ThresholdUnit, number[]> = {
      percent: [0, 1, 0.8, 0.125, 0.333, 0.0001],
      score: [0, 100, 80, 72.5, 33.33],
      seconds: [0, 59, 90, 900, 3600, 86_400],
      count: [0, 1, 8, 250],
    };
    for (const measure of kAlertMeasures.filter(hasThreshold)) {
      for (const value of values[thresholdUnit(measure)!]) {
        for (const language of ['en', 'fa', 'ar'] as const) {
          expect(parseThreshold(measure, thresholdText(measure, value, language)), `${measure} ${value} ${language}`).toBeCloseTo(value, 9);
        }
      }
    }
  });

  it('decimals with a point, the Persian separator or a comma; minutes as whole seconds', () => {
    expect(parseDecimal('0.5')).toBe(0.5);
    expect(parseDecimal('۰٫۵')).toBe(0.5);
    expect(parseDecimal('1,5')).toBe(1.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('1.2.3')).toBeNull();
    expect(parseMinutes('2')).toBe(120);
    expect(parseMinutes('۰٫۵')).toBe(30);
    expect(parseMinutes('0')).toBe(0);
    expect(parseMinutes('1440')).toBe(86_400);
    expect(parseMinutes('1441')).toBeNull();
    expect(parseMinutes('soon')).toBeNull();
    expect(minutesText(120, 'en')).toBe('2');
    expect(minutesText(30, 'fa')).toBe('۰٫۵');
    expect(minutesText(0, 'ar')).toBe('٠');
  });
});

describe('the body sent', () => {
  it('a service level over a window, with the documented names and defaults', () => {
    expect(body(ruleBody(draft(), options))).toEqual({
      name: 'sales-sl', measure: 'service-level', queue: 'sales', threshold: 0.8, window: 'last-hour', min_calls: 5, raise_after_s: 0, clear_after_s: 120, language: 'en',
    });
  });

  it('no window for a measure without one; the centre as null', () => {
    const made = body(ruleBody(draft({ measure: 'waiting', queue: '', threshold: '8', raiseAfter: '1', clearAfter: '0.5' }), options));
    expect(made).toEqual({ name: 'sales-sl', measure: 'waiting', queue: null, threshold: 8, min_calls: 5, raise_after_s: 60, clear_after_s: 30, language: 'en' });
    expect('window' in made).toBe(false);
  });

  it("an agent's QA score: the threshold as the percentage typed, fewest evaluations, no window", () => {
    const made = body(ruleBody(draft({ name: 'qa-low', measure: 'qa-score', queue: 'support', threshold: '۸۰', minCalls: '۳', clearAfter: '60' }), options));
    expect(made).toEqual({ name: 'qa-low', measure: 'qa-score', queue: 'support', threshold: 80, min_calls: 3, raise_after_s: 0, clear_after_s: 3600, language: 'en' });
    expect('window' in made).toBe(false);
    // No queue: every agent.
    expect(body(ruleBody(draft({ measure: 'qa-score', queue: '', threshold: '72.5' }), options))).toMatchObject({ queue: null, threshold: 72.5, min_calls: 5 });
  });

  it('a trunk unreachable: no queue, threshold 0, no window, whatever the hidden boxes hold', () => {
    const typed = draft({ name: 'carrier-down', measure: 'trunk-unreachable', queue: 'sales', threshold: 'eighty', window: 'today', raiseAfter: '۱', email: 'noc@example.com' });
    const made = body(ruleBody(typed, options));
    expect(made).toEqual({ name: 'carrier-down', measure: 'trunk-unreachable', queue: null, threshold: 0, min_calls: 5, raise_after_s: 60, clear_after_s: 120, language: 'en' });
    expect('window' in made).toBe(false);
    // Mailed like any rule.
    expect(body(ruleBody(typed, { mail: true, queueRequired: false }))).toMatchObject({ queue: null, threshold: 0, email: ['noc@example.com'] });
    // A supervisor must name one of their queues, which such a rule has not: never sent.
    expect(ruleBody(typed, { mail: false, queueRequired: true })).toEqual({ problem: { field: 'queue', message: 'alert_rules.error_queue' } });
  });

  it('addresses only with a mail server, in order', () => {
    const typed = draft({ email: 'boss@example.com\nteam@example.org, ops@localhost', language: 'fa' });
    expect(body(ruleBody(typed, { mail: true, queueRequired: false })).email).toEqual(['boss@example.com', 'team@example.org', 'ops@localhost']);
    expect(body(ruleBody(typed, { mail: true, queueRequired: false })).language).toBe('fa');
    expect('email' in body(ruleBody(typed, options))).toBe(false);
    expect(body(ruleBody(draft(), { mail: true, queueRequired: false })).email).toEqual([]);
  });

  it('keeps the name of the rule edited, whatever the name box says', () => {
    expect(body(ruleBody(draft({ editing: 'sales-sl', name: 'other' }), options)).name).toBe('sales-sl');
  });

  it('refuses what is plainly wrong, naming the API field, in the form order', () => {
    const problem = (overrides: Partial<AlertRuleDraft>, opts = options) => {
      const made = ruleBody(draft(overrides), opts);
      return 'problem' in made ? made.problem : null;
    };
    expect(problem({ name: '' })?.field).toBe('name');
    expect(problem({ name: 'Sales SL' })).toEqual({ field: 'name', message: 'alert_rules.error_name' });
    expect(problem({ name: 'x'.repeat(65) })?.field).toBe('name');
    expect(problem({ name: 'x'.repeat(64) })).toBeNull();
    expect(problem({ queue: '' }, { mail: false, queueRequired: true })).toEqual({ field: 'queue', message: 'alert_rules.error_queue' });
    expect(problem({ threshold: 'high' })).toEqual({ field: 'threshold', message: 'alert_rules.error_threshold_percent' });
    expect(problem({ measure: 'longest-wait', threshold: '2m' })).toEqual({ field: 'threshold', message: 'alert_rules.error_threshold_seconds' });
    expect(problem({ measure: 'waiting', threshold: '2.5' })).toEqual({ field: 'threshold', message: 'alert_rules.error_threshold_count' });
    expect(problem({ measure: 'qa-score', threshold: 'good' })).toEqual({ field: 'threshold', message: 'alert_rules.error_threshold_score' });
    expect(problem({ measure: 'qa-score', threshold: '' })?.field).toBe('threshold');
    expect(problem({ measure: 'qa-score', minCalls: 'five' })).toEqual({ field: 'min_calls', message: 'alert_rules.error_min_calls' });
    // A measure without a threshold is not refused for the box it hides.
    expect(problem({ measure: 'trunk-unreachable', threshold: '' })).toBeNull();
    expect(problem({ minCalls: '10001' })?.field).toBe('min_calls');
    expect(problem({ minCalls: '۱۰' })).toBeNull();
    expect(problem({ raiseAfter: 'x' })?.field).toBe('raise_after_s');
    expect(problem({ clearAfter: '2000' })?.field).toBe('clear_after_s');
    expect(problem({ email: 'boss@example.com\nnot-an-address' }, { mail: true, queueRequired: false })).toEqual({
      field: 'email[1]', message: 'schedules.error_recipient', params: { address: 'not-an-address' },
    });
    expect(problem({ email: Array.from({ length: 21 }, (_, i) => `a${i}@example.com`).join('\n') }, { mail: true, queueRequired: false })?.field).toBe('email');
    // Without a mail server what is in the box is not sent, so not judged.
    expect(problem({ email: 'not-an-address' })).toBeNull();
    // Several wrong: the first in the form's order.
    expect(problem({ name: '', threshold: 'x' })?.field).toBe('name');
  });

  it('says per unit what a threshold must look like', () => {
    expect(thresholdProblem('abandon-rate')).toBe('alert_rules.error_threshold_percent');
    expect(thresholdProblem('breaks-today')).toBe('alert_rules.error_threshold_seconds');
    expect(thresholdProblem('agents-available')).toBe('alert_rules.error_threshold_count');
    // The server's 400 for a QA score over 100 is said in these words beside the threshold.
    expect(thresholdProblem('qa-score')).toBe('alert_rules.error_threshold_score');
  });

  it('says a QA score must be 0 to 100 in each language', () => {
    expect(translate('en', thresholdProblem('qa-score'))).toBe('Write a score from 0 to 100, for example 80.');
    expect(translate('fa', thresholdProblem('qa-score'))).toBe('امتیازی از ۰ تا ۱۰۰ بنویسید، مثلاً ۸۰.');
    expect(translate('ar', thresholdProblem('qa-score'))).toBe('اكتب درجة من ٠ إلى ١٠٠، مثل ٨٠.');
  });
});

describe('the form', () => {
  it('a new rule: the service level, the defaults, in the author language', () => {
    expect(newRuleDraft('fa', '')).toEqual({
      editing: null, name: '', measure: 'service-level', queue: '', threshold: '', window: 'interval', minCalls: '۵', raiseAfter: '۰', clearAfter: '۲', email: '', language: 'fa',
    });
  });

  it('a saved rule in the reader units and digits, sent back unchanged', () => {
    const rule = alertRule('sales-sl', { threshold: 0.7, raise_after_s: 300, clear_after_s: 30, email: ['a@example.com', 'b@example.com'], language: 'ar' });
    const typed = draftFromRule(rule, 'fa');
    expect(typed).toEqual({
      editing: 'sales-sl', name: 'sales-sl', measure: 'service-level', queue: 'sales', threshold: '۷۰', window: 'last-hour', minCalls: '۵', raiseAfter: '۵', clearAfter: '۰٫۵',
      email: 'a@example.com\nb@example.com', language: 'ar',
    });
    expect(body(ruleBody(typed, { mail: true, queueRequired: true }))).toEqual({
      name: 'sales-sl', measure: 'service-level', queue: 'sales', threshold: 0.7, window: 'last-hour', min_calls: 5, raise_after_s: 300, clear_after_s: 30,
      email: ['a@example.com', 'b@example.com'], language: 'ar',
    });
    const centre = draftFromRule(alertRule('line', { measure: 'waiting', queue: null, window: null, threshold: 8 }), 'en');
    expect([centre.queue, centre.window, centre.threshold]).toEqual(['', 'interval', '8']);
  });

  it('a saved QA score rule and a trunk rule, sent back unchanged', () => {
    const qa = alertRule('qa-low', { measure: 'qa-score', queue: null, window: null, threshold: 72.5, min_calls: 10 });
    const typedQa = draftFromRule(qa, 'ar');
    expect([typedQa.measure, typedQa.queue, typedQa.threshold, typedQa.minCalls]).toEqual(['qa-score', '', '٧٢٫٥', '١٠']);
    expect(body(ruleBody(typedQa, options))).toEqual({
      name: 'qa-low', measure: 'qa-score', queue: null, threshold: 72.5, min_calls: 10, raise_after_s: 0, clear_after_s: 120, language: 'en',
    });
    const trunk = alertRule('carrier-down', { measure: 'trunk-unreachable', queue: null, window: null, threshold: 0, raise_after_s: 60 });
    const typedTrunk = draftFromRule(trunk, 'fa');
    expect([typedTrunk.queue, typedTrunk.threshold, typedTrunk.raiseAfter]).toEqual(['', '', '۱']);
    expect(body(ruleBody(typedTrunk, options))).toEqual({
      name: 'carrier-down', measure: 'trunk-unreachable', queue: null, threshold: 0, min_calls: 5, raise_after_s: 60, clear_after_s: 120, language: 'en',
    });
  });

  it('offers the measures in their order; a trunk rule (no queue) only to a manager', () => {
    expect(offeredMeasures(true, 'service-level')).toEqual([
      'service-level', 'abandon-rate', 'waiting', 'longest-wait', 'agents-available', 'agent-paused', 'breaks-today', 'qa-score', 'trunk-unreachable',
    ]);
    expect(offeredMeasures(false, 'service-level')).toEqual(kAlertMeasures.filter((measure) => measure !== 'trunk-unreachable'));
    expect(offeredMeasures(false, 'qa-score')).toContain('qa-score');
    // A rule the form opens keeps its measure listed.
    expect(offeredMeasures(false, 'trunk-unreachable')).toContain('trunk-unreachable');
  });

  it('maps the server field paths to the controls', () => {
    expect(controlOfRuleField('threshold')).toBe('threshold');
    expect(controlOfRuleField('email[0]')).toBe('email');
    expect(controlOfRuleField('email')).toBe('email');
    expect(controlOfRuleField('raise_after_s')).toBe('raise_after');
    expect(controlOfRuleField('clear_after_s')).toBe('clear_after');
    expect(controlOfRuleField('min_calls')).toBe('min_calls');
    expect(controlOfRuleField('window')).toBe('window');
    expect(controlOfRuleField('queue')).toBe('queue');
    expect(controlOfRuleField('language')).toBe('language');
    expect(controlOfRuleField('source')).toBeNull();
    expect(controlOfRuleField(null)).toBeNull();
    expect(addressIndex('email[3]')).toBe(3);
    expect(addressIndex('email')).toBeNull();
  });

  it('puts a refusal without a field beside the control it is about', () => {
    expect(refusedRuleField({ code: 'invalid_value', field: 'threshold' }, false)).toBe('threshold');
    expect(refusedRuleField({ code: 'forbidden', field: null }, true)).toBe('queue');
    expect(refusedRuleField({ code: 'forbidden', field: null }, false)).toBe('queue');
    expect(refusedRuleField({ code: 'not_found', field: null }, true)).toBe('queue');
    // On a change, 404 is the rule gone and 409 a rule of the configuration file.
    expect(refusedRuleField({ code: 'not_found', field: null }, false)).toBeNull();
    expect(refusedRuleField({ code: 'conflict', field: null }, true)).toBe('name');
    expect(refusedRuleField({ code: 'conflict', field: null }, false)).toBeNull();
  });

  it('offers a supervisor their own queues, a manager every one', () => {
    expect(ruleQueues({ role: 'supervisor', queues: ['support'] }, ['sales', 'support'])).toEqual(['support']);
    expect(ruleQueues({ role: 'manager', queues: [] }, ['sales', 'support'])).toEqual(['sales', 'support']);
  });
});

describe('a rule in the table', () => {
  it('in English', () => {
    expect(ruleCells(alertRule('sales-sl', { updated_at_ms: Date.UTC(2026, 11, 6, 6, 47) }), 'en', 'Asia/Tehran').map(plain)).toEqual([
      'sales-sl', 'Service level', 'sales', 'Below 80%', 'The last hour', '5', 'At once', '2 min', '–', 'manager, 06/12/2026 10:17',
    ]);
  });

  it('in Persian: Persian digits, the Jalali calendar', () => {
    const rule = alertRule('sales-sl', { threshold: 0.7, raise_after_s: 300, clear_after_s: 30, email: ['boss@example.com'], language: 'fa', updated_at_ms: Date.UTC(2026, 11, 6, 6, 47) });
    expect(ruleCells(rule, 'fa', 'Asia/Tehran').map(plain)).toEqual([
      'sales-sl', 'سطح خدمت', 'sales', 'کمتر از ۷۰٪', 'یک ساعت گذشته', '۵', '۵ دقیقه', '۳۰ ثانیه', 'boss@example.com (به فارسی)', 'manager، ۱۴۰۵/۰۹/۱۵ ۱۰:۱۷',
    ]);
  });

  it('each measure by its name, its threshold in its unit and which way is bad', () => {
    expect(plain(ruleConditionText({ measure: 'abandon-rate', threshold: 0.1 }, 'en'))).toBe('Above 10%');
    expect(plain(ruleConditionText({ measure: 'longest-wait', threshold: 120 }, 'fa'))).toBe('بیشتر از ۲:۰۰');
    expect(plain(ruleConditionText({ measure: 'agents-available', threshold: 1 }, 'ar'))).toBe('أقل من ١');
    expect(plain(ruleConditionText({ measure: 'breaks-today', threshold: 3600 }, 'en'))).toBe('Above 1:00:00');
    expect(kAlertMeasures.map((measure) => measureName(measure, 'en'))).toEqual([
      'Service level', 'Abandon rate', 'Callers waiting', 'Longest wait', 'Agents available', "An agent's pause", "An agent's breaks today", "An agent's QA score",
      'A trunk unreachable',
    ]);
    expect(measureName('qa-score', 'fa')).toBe('امتیاز کیفیت کارشناس');
    expect(measureName('qa-score', 'ar')).toBe('درجة جودة الموظف');
    expect(measureName('trunk-unreachable', 'fa')).toBe('در دسترس نبودن ترانک');
    expect(measureName('trunk-unreachable', 'ar')).toBe('تعذّر الوصول إلى خط');
    expect(measureName('agents-available', 'fa')).toBe('کارشناسان آماده');
    expect(measureName('trunk-usage', 'fa')).toBe('trunk-usage');
  });

  it('the centre, every agent, or a queue and its agents', () => {
    expect(ruleQueueText({ measure: 'waiting', queue: null }, 'en')).toBe('The whole centre');
    expect(ruleQueueText({ measure: 'agent-paused', queue: null }, 'fa')).toBe('همهٔ کارشناسان');
    expect(plain(ruleQueueText({ measure: 'breaks-today', queue: 'support' }, 'en'))).toBe('Agents of support');
    expect(plain(ruleQueueText({ measure: 'waiting', queue: 'support' }, 'ar'))).toBe('support');
    expect(ruleQueueText({ measure: 'qa-score', queue: null }, 'ar')).toBe('كل الموظفين');
    expect(plain(ruleQueueText({ measure: 'qa-score', queue: 'sales' }, 'en'))).toBe('Agents of sales');
    expect(ruleQueueText({ measure: 'trunk-unreachable', queue: null }, 'en')).toBe('Every trunk');
  });

  it("an agent's QA score in the table: a percentage 0..100, fewest evaluations, no window", () => {
    const rule = alertRule('qa-low', { measure: 'qa-score', queue: 'support', window: null, threshold: 80, min_calls: 5, updated_at_ms: null });
    expect(ruleCells(rule, 'en').map(plain)).toEqual(['qa-low', "An agent's QA score", 'Agents of support', 'Below 80%', '–', 'Evaluations: 5', 'At once', '2 min', '–', 'manager']);
    expect(ruleCells(rule, 'fa').map(plain)).toEqual(['qa-low', 'امتیاز کیفیت کارشناس', 'کارشناسان support', 'کمتر از ۸۰٪', '–', 'ارزیابی‌ها: ۵', 'بی‌درنگ', '۲ دقیقه', '–', 'manager']);
    // Arabic writes a percentage with the Arabic letter mark after its sign (Intl's own).
    expect(ruleCells({ ...rule, threshold: 72.5 }, 'ar').map(plain)).toEqual([
      'qa-low', 'درجة جودة الموظف', 'موظفو support', 'أقل من ٧٢٫٥٪\u061C', '–', 'التقييمات: ٥', 'فورًا', '٢ دقيقة', '–', 'manager',
    ]);
  });

  it('a trunk unreachable in the table: every trunk, no threshold, window or fewest calls', () => {
    const rule = alertRule('carrier-down', { measure: 'trunk-unreachable', queue: null, window: null, threshold: 0, raise_after_s: 60, updated_at_ms: null });
    expect(ruleCells(rule, 'en').map(plain)).toEqual(['carrier-down', 'A trunk unreachable', 'Every trunk', '–', '–', '–', '1 min', '2 min', '–', 'manager']);
    expect(ruleCells(rule, 'fa').map(plain)).toEqual(['carrier-down', 'در دسترس نبودن ترانک', 'همهٔ ترانک‌ها', '–', '–', '–', '۱ دقیقه', '۲ دقیقه', '–', 'manager']);
    expect(ruleCells(rule, 'ar').map(plain)).toEqual(['carrier-down', 'تعذّر الوصول إلى خط', 'كل الخطوط', '–', '–', '–', '١ دقيقة', '٢ دقيقة', '–', 'manager']);
  });

  it('a window and fewest calls only for a figure over calls', () => {
    expect(windowText({ measure: 'waiting', window: null }, 'en')).toBe('–');
    expect(windowText({ measure: 'abandon-rate', window: null }, 'en')).toBe('This interval');
    expect(windowText({ measure: 'service-level', window: 'today' }, 'fa')).toBe('امروز');
    expect(minCallsText({ measure: 'waiting', min_calls: 5 }, 'en')).toBe('–');
    expect(minCallsText({ measure: 'service-level', min_calls: 10 }, 'fa')).toBe('۱۰');
    expect(minCallsText({ measure: 'qa-score', min_calls: 10 }, 'en')).toBe('Evaluations: 10');
    expect(minCallsText({ measure: 'trunk-unreachable', min_calls: 5 }, 'en')).toBe('–');
    expect(windowText({ measure: 'qa-score', window: null }, 'en')).toBe('–');
  });

  it('delays: at once, whole minutes, else seconds', () => {
    expect(delayText(0, 'en')).toBe('At once');
    expect(delayText(600, 'en')).toBe('10 min');
    expect(delayText(30, 'en')).toBe('30 s');
    expect(delayText(90, 'ar')).toBe('٩٠ ثانية');
  });

  it('the mail and who made it', () => {
    expect(plain(mailText({ email: ['a@example.com', 'b@example.com'], language: 'ar' }, 'en'))).toBe('a@example.com, b@example.com (in العربية)');
    expect(mailText({ email: [], language: 'en' }, 'en')).toBe('–');
    expect(sourceText({ source: 'configuration', created_by: null, updated_at_ms: null }, 'fa')).toBe('فایل پیکربندی');
    expect(plain(sourceText({ source: 'api', created_by: 'supervisor', updated_at_ms: null }, 'en'))).toBe('supervisor');
  });

  it('Edit and Delete only on a rule made here that the reader may change', () => {
    expect(isChangeable(alertRule('a'))).toBe(true);
    expect(isChangeable(alertRule('a', { editable: false }))).toBe(false);
    expect(isChangeable(alertRule('a', { source: 'configuration', editable: true }))).toBe(false);
  });

  it('writes no Latin digit in Persian or Arabic (names and addresses aside)', () => {
    const thresholds: Record<ThresholdUnit, number> = { percent: 0.85, score: 72.5, seconds: 905, count: 12 };
    const rules = kAlertMeasures.map((measure) => alertRule('r', { measure, threshold: thresholds[thresholdUnit(measure)!], min_calls: 15, queue: null }));
    for (const language of ['fa', 'ar'] as const) {
      for (const rule of rules) {
        expect(ruleCells({ ...rule, name: 'x' }, language).join(' '), `${language} ${rule.measure}`).not.toMatch(/[0-9]/);
      }
    }
  });

  it('is for managers and supervisors', () => {
    expect(canManageRules({ role: 'manager' })).toBe(true);
    expect(canManageRules({ role: 'supervisor' })).toBe(true);
    expect(canManageRules({ role: 'qa' })).toBe(false);
    expect(canManageRules({ role: 'agent' })).toBe(false);
  });
});

describe('the requests', () => {
  it('go to the documented paths, changes with the CSRF header', async () => {
    const sent: { url: string; method: string; csrf: string | undefined; body: unknown }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      sent.push({ url, method: init.method!, csrf: (init.headers as Record<string, string>)['X-CSRF-Token'], body: init.body === undefined ? undefined : JSON.parse(init.body as string) });
      return init.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : new Response(JSON.stringify({ rule: alertRule('sales-sl'), rules: [], mail: false, alerts: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }) as unknown as typeof globalThis.fetch;
    const api = createApi(createRequest({ fetch, cookies: () => 'markaz_csrf=tok' }));
    const made = body(ruleBody(draft(), options));
    await api.alerts();
    await api.alertRules();
    await api.createAlertRule(made);
    await api.updateAlertRule('sales-sl', made);
    await api.deleteAlertRule('sales-sl');
    expect(sent.map(({ method, url, csrf }) => `${method} ${url} ${csrf ?? '-'}`)).toEqual([
      'GET /api/v1/alerts -',
      'GET /api/v1/alert-rules -',
      'POST /api/v1/alert-rules tok',
      'PUT /api/v1/alert-rules/sales-sl tok',
      'DELETE /api/v1/alert-rules/sales-sl tok',
    ]);
    expect(sent[2]!.body).toEqual(made);
    expect(sent[3]!.body).toEqual(made);
    expect(sent[4]!.body).toBeUndefined();
  });
});
