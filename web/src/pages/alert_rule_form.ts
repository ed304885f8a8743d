import type { AlertMeasure, AlertRule, AlertRuleBody, AlertWindow, Language } from '../api/types';
import { ApiError } from '../api/api_error';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { kLanguages } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import {
  badBelow,
  hasThreshold,
  isPerAgent,
  isPerTrunk,
  isWindowed,
  kAlertWindows,
  kWindowNames,
  minimumOf,
  offeredMeasures,
  thresholdUnit,
  type ThresholdUnit,
} from './alert_measures';
import {
  addressIndex,
  controlOfRuleField,
  kMaxNameLength,
  refusedRuleField,
  ruleBody,
  thresholdProblem,
  type AlertRuleDraft,
  type RuleControl,
} from './alert_rule_draft';
import { measureName } from './alert_rule_text';
import { isolated } from './report_figures';
import { parseRecipients } from './schedule_draft';

const kLanguageNames = { en: msg('language.en'), fa: msg('language.fa'), ar: msg('language.ar') } as const;

const kUnitHints: Record<ThresholdUnit, MessageKey> = {
  percent: msg('alert_rules.unit_percent'),
  score: msg('alert_rules.unit_score'),
  seconds: msg('alert_rules.unit_seconds'),
  count: msg('alert_rules.unit_count'),
};

export interface RuleFormOptions {
  /** A mail server is configured: the addresses and their language are asked for. */
  mail: boolean;
  /** The centre may be chosen (a manager); a supervisor picks one of their queues. */
  centre: boolean;
  /** The queues the author may name. */
  queues: readonly string[];
}

export interface RuleFormHandlers {
  /** Sends the body (POST for a new rule, PUT for one edited); the rule saved. */
  save(draft: AlertRuleDraft, body: AlertRuleBody): Promise<AlertRule>;
  onSaved(rule: AlertRule): void;
  onClose(): void;
}

/** A KPI alert rule's form: its name (fixed once made), what it measures, of which queue (or
 *  the centre; none for a trunk's), the threshold in the unit people think in (a percentage,
 *  minutes:seconds, a count; none for a trunk unreachable), the window and fewest calls for a
 *  service level or abandon rate, the fewest evaluations for a QA score, the minutes before
 *  raising and clearing, and with a mail server whom to mail in which language. Save sends it
 *  whole; what the form or the server refuses is said beside the control it is about (the
 *  server names it: `threshold`, `email[0]`), anything else under the buttons. */
export function alertRuleForm(draft: AlertRuleDraft, options: RuleFormOptions, handlers: RuleFormHandlers) {
  const language = currentLanguage();
  const text = (value: string, testId: string, extra: Record<string, string | number | boolean> = {}) => {
    const input = h('input', { type: 'text', dir: 'ltr', autocomplete: 'off', 'data-testid': testId, ...extra });
    input.value = value;
    return input;
  };
  const select = <T extends string>(values: readonly T[], chosen: string, label: (value: T) => string, testId: string) =>
    h('select', { 'data-testid': testId }, ...values.map((value) => h('option', { value, selected: value === chosen }, label(value))));

  const name = text(draft.name, 'rule-name', { maxlength: kMaxNameLength, spellcheck: 'false', disabled: draft.editing !== null });
  const measure = select(offeredMeasures(options.centre, draft.measure), draft.measure, (value) => measureName(value, language), 'rule-measure');
  const queue = h('select', { 'data-testid': 'rule-queue' });
  const threshold = text(draft.threshold, 'rule-threshold', { inputmode: 'decimal' });
  const window = select(kAlertWindows, draft.window, (value) => t(kWindowNames[value]), 'rule-window');
  const minCalls = text(draft.minCalls, 'rule-min-calls', { inputmode: 'numeric' });
  const raiseAfter = text(draft.raiseAfter, 'rule-raise-after', { inputmode: 'decimal' });
  const clearAfter = text(draft.clearAfter, 'rule-clear-after', { inputmode: 'decimal' });
  const email = h('textarea', { rows: 3, dir: 'ltr', spellcheck: 'false', 'data-testid': 'rule-email' });
  email.value = draft.email;
  const mailLanguage = select(kLanguages, draft.language, (value) => t(kLanguageNames[value]), 'rule-language');
  for (const option of Array.from(mailLanguage.options)) {
    option.lang = option.value;
  }

  const controls: Record<RuleControl, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> = {
    name,
    measure,
    queue,
    threshold,
    window,
    min_calls: minCalls,
    raise_after: raiseAfter,
    clear_after: clearAfter,
    email,
    language: mailLanguage,
  };
  const errors = {} as Record<RuleControl, HTMLElement>;
  const labels = {} as Record<RuleControl, HTMLElement>;
  const wrappers = {} as Record<RuleControl, HTMLElement>;
  const field = (control: RuleControl, label: MessageKey, hint: HTMLElement | null = null) => {
    // A span: a label holds phrasing content only.
    errors[control] = h('span', { class: 'form-error field-error', role: 'alert', id: `rule-error-${control}`, 'data-testid': `rule-error-${control}` });
    controls[control].setAttribute('aria-describedby', `rule-error-${control}`);
    controls[control].dataset.field = control;
    labels[control] = h('span', { class: 'field-label' }, t(label));
    wrappers[control] = h('label', { class: `field rule-${control}` }, labels[control], controls[control], hint, errors[control]);
    return wrappers[control];
  };
  const unitHint = h('span', { class: 'hint', 'data-testid': 'rule-threshold-unit' });
  // A trunk's rule has no threshold to say when it is bad: this says it instead.
  const measureHint = h('span', { class: 'hint', 'data-testid': 'rule-measure-hint' }, t('alert_rules.trunk_hint'));

  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'rule-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-rule' }, t('scorecards.save'));
  const close = h('button', { type: 'button', 'data-action': 'close-rule', onclick: () => handlers.onClose() }, t('scorecards.close'));
  const heading = draft.editing === null ? t('alert_rules.new') : t('schedules.editing', { name: isolated(draft.editing, language) });
  const form = h(
    'form',
    { class: 'panel alert-rule-form', 'data-testid': 'rule-form', 'data-rule': draft.editing ?? '', 'aria-label': heading, novalidate: true },
    h('h3', {}, heading),
    h(
      'div',
      { class: 'filters' },
      field('name', msg('schedules.name'), h('span', { class: 'hint' }, t('alert_rules.name_hint'))),
      field('measure', msg('alert_rules.measure'), measureHint),
      field('queue', msg('alert_rules.queue')),
      field('threshold', msg('alert_rules.threshold'), unitHint),
      field('window', msg('alert_rules.window')),
      field('min_calls', msg('alert_rules.min_calls')),
      field('raise_after', msg('alert_rules.raise_after'), h('span', { class: 'hint' }, t('alert_rules.minutes_hint'))),
      field('clear_after', msg('alert_rules.clear_after'), h('span', { class: 'hint' }, t('alert_rules.minutes_hint'))),
    ),
    h(
      'div',
      { class: 'filters rule-mail', hidden: !options.mail },
      field('email', msg('alert_rules.email'), h('span', { class: 'hint' }, t('schedules.recipients_hint'))),
      field('language', msg('alert_rules.mail_language')),
    ),
    h('div', { class: 'form-actions' }, save, close, problem),
  );

  // The centre (for a manager), then the queues; a queue no longer listed stays chosen.
  const fillQueues = () => {
    const chosen = draft.queue;
    const option = (value: string, label: string) => h('option', { value, selected: value === chosen }, label);
    const listed = [...(options.centre ? [''] : []), ...options.queues];
    queue.replaceChildren(
      // Named for the measure by showMeasure.
      ...(options.centre ? [option('', '')] : []),
      ...options.queues.map((name) => option(name, name)),
      ...(listed.includes(chosen) ? [] : [option(chosen, chosen === '' ? t('reports.centre') : chosen)]),
    );
  };
  /** The threshold's label says which way is bad, its hint the unit; the window only for a
   *  figure over calls, the fewest calls (or evaluations, for a QA score) where a figure needs
   *  them; a trunk's rule has neither queue nor threshold. */
  const showMeasure = () => {
    const chosen = measure.value as AlertMeasure;
    setText(labels.threshold, t(badBelow(chosen) ? msg('alert_rules.threshold_below') : msg('alert_rules.threshold_above')));
    setText(unitHint, t(kUnitHints[thresholdUnit(chosen) ?? 'count']));
    wrappers.threshold.hidden = !hasThreshold(chosen);
    wrappers.queue.hidden = isPerTrunk(chosen);
    measureHint.hidden = !isPerTrunk(chosen);
    wrappers.window.hidden = !isWindowed(chosen);
    const minimum = minimumOf(chosen);
    wrappers.min_calls.hidden = minimum === null;
    setText(labels.min_calls, t(minimum === 'evaluations' ? msg('alert_rules.min_evaluations') : msg('alert_rules.min_calls')));
    const centre = queue.querySelector<HTMLOptionElement>('option[value=""]');
    if (centre) {
      centre.textContent = t(isPerAgent(chosen) ? msg('alert_rules.every_agent') : msg('reports.centre'));
    }
  };
  fillQueues();
  showMeasure();
  measure.addEventListener('change', showMeasure);

  const read = (): AlertRuleDraft => ({
    editing: draft.editing,
    name: name.value,
    measure: measure.value as AlertMeasure,
    queue: queue.value,
    threshold: threshold.value,
    window: window.value as AlertWindow,
    minCalls: minCalls.value,
    raiseAfter: raiseAfter.value,
    clearAfter: clearAfter.value,
    email: email.value,
    language: mailLanguage.value as Language,
  });

  /** Says what is wrong beside the control of `apiField` (the API's name for it), or under
   *  the buttons when it is about no control shown. */
  const refuse = (message: string, apiField: string | null) => {
    for (const control of Object.keys(controls) as RuleControl[]) {
      controls[control].removeAttribute('aria-invalid');
      setText(errors[control], '');
    }
    const found = controlOfRuleField(apiField);
    const control = found && !wrappers[found].hidden && !wrappers[found].parentElement?.hidden ? found : null;
    problem.dataset.field = apiField ?? '';
    setText(problem, control ? '' : message);
    if (control) {
      setText(errors[control], message);
      errors[control].dataset.field = apiField ?? '';
      controls[control].setAttribute('aria-invalid', 'true');
      controls[control].focus();
    }
  };
  /** The words for a refused address: which one, and what it is. */
  const addressText = (index: number, sent: readonly string[]) =>
    t('schedules.error_recipient', { number: formatInteger(index + 1, language), address: isolated(sent[index] ?? '', language) });

  /** The words for the server's refusal: about the threshold or an address, ours (with the
   *  server's detail); anything else, the code's. */
  const serverText = (error: unknown, apiField: string | null, body: AlertRuleBody) => {
    if (!(error instanceof ApiError) || error.status !== 400) {
      return errorText(error);
    }
    const index = addressIndex(apiField);
    const own = apiField === 'threshold' ? t(thresholdProblem(body.measure)) : index !== null ? addressText(index, body.email ?? []) : null;
    if (own === null) {
      return errorText(error);
    }
    // The server's English kept whole, left to right, inside a Persian or Arabic sentence.
    return error.message ? t('error.with_detail', { text: own, detail: isolated(error.message, language) }) : own;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = read();
    const made = ruleBody(typed, { mail: options.mail, queueRequired: !options.centre });
    if ('problem' in made) {
      const index = addressIndex(made.problem.field);
      refuse(index === null ? t(made.problem.message, made.problem.params) : addressText(index, parseRecipients(typed.email)), made.problem.field);
      return;
    }
    refuse('', null);
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    handlers
      .save(typed, made.body)
      .then((rule) => handlers.onSaved(rule))
      .catch((error: unknown) => {
        const apiField = error instanceof ApiError ? refusedRuleField(error, draft.editing === null) : null;
        refuse(serverText(error, apiField, made.body), apiField);
      })
      .finally(() => {
        save.disabled = false;
        form.removeAttribute('aria-busy');
      });
  });

  return {
    element: form,
    /** Puts the cursor in the first field that can take it (a trunk's rule has no threshold). */
    focus() {
      (draft.editing === null ? name : hasThreshold(draft.measure) ? threshold : raiseAfter).focus();
    },
  };
}
