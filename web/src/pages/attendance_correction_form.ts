import type { AttendanceDay, CorrectionBody, SavedCorrection } from '../api/types';
import { ApiError } from '../api/api_error';
import type { CentreClock } from '../format/centre_clock';
import { localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import {
  controlOfCorrectionField,
  correctionBody,
  correctionDraft,
  kMaxReasonLength,
  type CorrectionControl,
  type CorrectionDraft,
} from './attendance_correction';
import { isolated } from './report_figures';

export interface CorrectionFormHandlers {
  /** Sends the correction (POST /api/v1/attendance/corrections); the correction saved. */
  save(body: CorrectionBody): Promise<SavedCorrection>;
  onSaved(saved: SavedCorrection): void;
  onClose(): void;
}

/** The form correcting one agent's day, for managers and supervisors: the login and logout
 *  as times of that day on the centre's clock (the logout possibly the next day), and why.
 *  What the form or the server refuses is said beside the control it is about (the server
 *  names the field: `logout_ms`), anything else under the buttons. `agentName`: as the table
 *  shows the agent. */
export function correctionForm(day: AttendanceDay, clock: CentreClock, agentName: string, handlers: CorrectionFormHandlers) {
  const language = currentLanguage();
  const draft = correctionDraft(day, clock, language);
  // Text, not type=time: that one shows the browser's digits, not the page's.
  const time = (value: string, testId: string) => {
    const input = h('input', { type: 'text', inputmode: 'numeric', dir: 'ltr', autocomplete: 'off', placeholder: localizeDigits('08:00', language), 'data-testid': testId });
    input.value = value;
    return input;
  };
  const login = time(draft.login, 'correction-login');
  const logout = time(draft.logout, 'correction-logout');
  const nextDay = h('input', { type: 'checkbox', checked: draft.logoutNextDay, 'data-testid': 'correction-next-day' });
  const reason = h('input', { type: 'text', maxlength: kMaxReasonLength, 'data-testid': 'correction-reason' });

  const controls: Record<CorrectionControl, HTMLInputElement> = { login, logout, reason };
  const errors = {} as Record<CorrectionControl, HTMLElement>;
  const field = (control: CorrectionControl, label: string, ...extra: HTMLElement[]) => {
    // A span: a label holds phrasing content only.
    errors[control] = h('span', { class: 'form-error field-error', role: 'alert', id: `correction-error-${control}`, 'data-testid': `correction-error-${control}` });
    controls[control].setAttribute('aria-describedby', `correction-error-${control}`);
    controls[control].dataset.field = control;
    return h('div', { class: `correction-field correction-${control}` }, h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), controls[control]), ...extra, errors[control]);
  };

  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'correction-error' });
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save-correction' }, t('scorecards.save'));
  const close = h('button', { type: 'button', 'data-action': 'close-correction', onclick: () => handlers.onClose() }, t('scorecards.close'));
  const heading = t('attendance.correct_title', { agent: isolated(agentName, language), day: isolated(localizeDigits(day.day, language), language) });
  const form = h(
    'form',
    { class: 'panel correction-form', 'data-testid': 'correction-form', 'data-agent': day.agent, 'data-day': day.day, 'aria-label': heading, novalidate: true },
    h('h3', {}, heading),
    h('p', { class: 'hint' }, t('schedules.at_hint')),
    h(
      'div',
      { class: 'filters' },
      field('login', t('attendance.login_time')),
      field('logout', t('attendance.logout_time'), h('label', { class: 'check' }, nextDay, h('span', {}, t('attendance.next_day')))),
    ),
    field('reason', t('attendance.reason')),
    h('div', { class: 'form-actions' }, save, close, problem),
  );

  const read = (): CorrectionDraft => ({ login: login.value, logout: logout.value, logoutNextDay: nextDay.checked, reason: reason.value });

  /** Says what is wrong beside the control of `apiField` (the API's name for it), or under
   *  the buttons when it is about no control. */
  const refuse = (text: string, apiField: string | null) => {
    for (const control of Object.keys(controls) as CorrectionControl[]) {
      controls[control].removeAttribute('aria-invalid');
      setText(errors[control], '');
    }
    const control = controlOfCorrectionField(apiField);
    problem.dataset.field = apiField ?? '';
    setText(problem, control ? '' : text);
    if (control) {
      setText(errors[control], text);
      errors[control].dataset.field = apiField ?? '';
      controls[control].setAttribute('aria-invalid', 'true');
      controls[control].focus();
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const made = correctionBody(read(), day, clock);
    if ('problem' in made) {
      refuse(t(made.problem.message), made.problem.field);
      return;
    }
    refuse('', null);
    save.disabled = true;
    form.setAttribute('aria-busy', 'true');
    handlers
      .save(made.body)
      .then((saved) => handlers.onSaved(saved))
      .catch((error: unknown) => refuse(errorText(error), error instanceof ApiError ? error.field : null))
      .finally(() => {
        save.disabled = false;
        form.removeAttribute('aria-busy');
      });
  });

  return {
    element: form,
    /** Puts the cursor in the first field. */
    focus() {
      login.focus();
    },
  };
}
