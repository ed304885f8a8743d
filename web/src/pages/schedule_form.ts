import type { Agent, QueueSummary, ReportSchedule, ScheduleBody, ScheduleFrequency } from '../api/types';
import { ApiError } from '../api/api_error';
import { formatInteger, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { kLanguages } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { isolated } from './report_figures';
import {
  controlOfField,
  kFrequencies,
  kMaxNameLength,
  parseRecipients,
  recipientIndex,
  refusedField,
  scheduleBody,
  type ScheduleControl,
  type ScheduleDraft,
} from './schedule_draft';
import { kFrequencyLabels } from './schedule_text';

const kLanguageNames = { en: msg('language.en'), fa: msg('language.fa'), ar: msg('language.ar') } as const;

export interface ScheduleFormHandlers {
  /** Sends the body (POST for a new schedule, PUT for one edited); the schedule saved. */
  save(draft: ScheduleDraft, body: ScheduleBody): Promise<ReportSchedule>;
  onSaved(schedule: ReportSchedule): void;
  onClose(): void;
}

/** A scheduled report's form: its name, whose report (the centre, a queue or an agent the
 *  author can see), how often and at what time of the centre's day, in which language, to
 *  whom, and whether it is on. Save sends it whole; what the form or the server refuses is
 *  said beside the control it is about (the server names the address: `recipients[1]`), and
 *  anything else under the buttons. */
export function scheduleForm(draft: ScheduleDraft, handlers: ScheduleFormHandlers) {
  const language = currentLanguage();
  const name = h('input', { type: 'text', maxlength: kMaxNameLength, 'data-testid': 'schedule-name' });
  name.value = draft.name;
  const scope = h('select', { 'data-testid': 'schedule-scope' });
  const frequency = h(
    'select',
    { 'data-testid': 'schedule-frequency' },
    ...kFrequencies.map((value) => h('option', { value, selected: value === draft.frequency }, t(kFrequencyLabels[value]))),
  );
  // Text, not type=time: that one shows the browser's digits, not the page's.
  const at = h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', placeholder: localizeDigits('08:00', language), 'data-testid': 'schedule-at' });
  at.value = localizeDigits(draft.at, language);
  const reportLanguage = h(
    'select',
    { 'data-testid': 'schedule-language' },
    ...kLanguages.map((value) => h('option', { value, lang: value, selected: value === draft.language }, t(kLanguageNames[value]))),
  );
  const recipients = h('textarea', { rows: 3, dir: 'ltr', spellcheck: 'false', 'data-testid': 'schedule-recipients' });
  recipients.value = draft.recipients;
  const enabled = h('input', { type: 'checkbox', checked: draft.enabled, 'data-testid': 'schedule-enabled' });

  const controls: Record<ScheduleControl, HTMLElement> = { name, scope, frequency, at, language: reportLanguage, recipients, enabled };
  const errors = {} as Record<ScheduleControl, HTMLElement>;
  const field = (control: ScheduleControl, label: MessageKey, hint: MessageKey | null = null) => {
    // A span: a label holds phrasing content only.
    errors[control] = h('span', { class: 'form-error field-error', role: 'alert', id: `schedule-error-${control}`, 'data-testid': `schedule-error-${control}` });
    controls[control].setAttribute('aria-describedby', `schedule-error-${control}`);
    controls[control].dataset.field = control;
    return h(
      'label',
      { class: `field schedule-${control}` },
      h('span', { class: 'field-label' }, t(label)),
      controls[control],
      hint ? h('span', { class: 'hint' }, t(hint)) : null,
      errors[control],
    );
  };
  errors.enabled = h('span', { class: 'form-error field-error', role: 'alert', id: 'schedule-error-enabled', 'data-testid': 'schedule-error-enabled' });
  enabled.dataset.field = 'enabled';
  enabled.setAttribute('aria-describedby', 'schedule-error-enabled');

  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'schedule-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-schedule' }, t('scorecards.save'));
  const close = h('button', { type: 'button', 'data-action': 'close-schedule', onclick: () => handlers.onClose() }, t('scorecards.close'));
  const heading = draft.id === null ? t('schedules.new') : t('schedules.editing', { name: isolated(draft.name, language) });
  const form = h(
    'form',
    { class: 'panel schedule-form', 'data-testid': 'schedule-form', 'data-schedule': draft.id ?? '', 'aria-label': heading, novalidate: true },
    h('h3', {}, heading),
    h(
      'div',
      { class: 'filters' },
      field('name', msg('schedules.name')),
      field('scope', msg('reports.scope')),
      field('frequency', msg('schedules.frequency')),
      field('at', msg('schedules.at'), msg('schedules.at_hint')),
      field('language', msg('schedules.language')),
    ),
    field('recipients', msg('schedules.recipients'), msg('schedules.recipients_hint')),
    h('div', {}, h('label', { class: 'check' }, enabled, h('span', {}, t('schedules.enabled'))), errors.enabled),
    h('div', { class: 'form-actions' }, save, close, problem),
  );

  let chosen = draft.scope;
  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];
  /** The centre, then the queues and agents the author can see; a scope no longer listed
   *  (an agent since removed from the team) stays chosen, by its id. */
  const fillScope = () => {
    const option = (value: string, text: string) => h('option', { value, selected: value === chosen }, text);
    const listed = ['centre', ...queues.map((q) => `queue:${q.name}`), ...agents.map((a) => `agent:${a.id}`)];
    scope.replaceChildren(
      option('centre', t('reports.centre')),
      ...(queues.length ? [h('optgroup', { label: t('reports.queues') }, ...queues.map((q) => option(`queue:${q.name}`, q.name)))] : []),
      ...(agents.length ? [h('optgroup', { label: t('reports.agents') }, ...agents.map((a) => option(`agent:${a.id}`, `${a.id} ${a.name}`)))] : []),
      ...(listed.includes(chosen) ? [] : [option(chosen, chosen.slice(chosen.indexOf(':') + 1))]),
    );
  };
  scope.addEventListener('change', () => (chosen = scope.value));
  fillScope();

  const read = (): ScheduleDraft => ({
    id: draft.id,
    name: name.value,
    scope: scope.value,
    frequency: frequency.value as ScheduleFrequency,
    at: at.value,
    language: reportLanguage.value as ScheduleDraft['language'],
    recipients: recipients.value,
    enabled: enabled.checked,
  });

  /** Says what is wrong beside the control of `apiField` (the API's name for it), or under
   *  the buttons when it is about no control. */
  const refuse = (text: string, apiField: string | null) => {
    for (const control of Object.keys(controls) as ScheduleControl[]) {
      controls[control].removeAttribute('aria-invalid');
      setText(errors[control], '');
    }
    const control = controlOfField(apiField);
    problem.dataset.field = apiField ?? '';
    setText(problem, control ? '' : text);
    if (control) {
      setText(errors[control], text);
      errors[control].dataset.field = apiField ?? '';
      controls[control].setAttribute('aria-invalid', 'true');
      controls[control].focus();
    }
  };
  /** The words for a refused address: which one, and what it is. */
  const recipientText = (index: number, sent: readonly string[]) =>
    t('schedules.error_recipient', { number: formatInteger(index + 1, language), address: isolated(sent[index] ?? '', language) });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const typed = read();
    const made = scheduleBody(typed);
    if ('problem' in made) {
      const index = recipientIndex(made.problem.field);
      refuse(index === null ? t(made.problem.message, made.problem.params) : recipientText(index, parseRecipients(typed.recipients)), made.problem.field);
      return;
    }
    refuse('', null);
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    handlers
      .save(typed, made.body)
      .then((schedule) => handlers.onSaved(schedule))
      .catch((error: unknown) => {
        const apiField = error instanceof ApiError ? refusedField(error, draft.id === null) : null;
        const index = recipientIndex(apiField);
        const detail = error instanceof ApiError ? error.message : '';
        // The server names the address it refuses by its place in the list sent.
        const text = index === null ? errorText(error) : recipientText(index, made.body.recipients);
        refuse(index !== null && detail ? t('error.with_detail', { text, detail }) : text, apiField);
      })
      .finally(() => {
        save.disabled = false;
        form.removeAttribute('aria-busy');
      });
  });

  return {
    element: form,
    /** The queues and agents the author can see (their scope), for the scope's choices. */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[]) {
      agents = nextAgents;
      queues = nextQueues;
      fillScope();
    },
  };
}
