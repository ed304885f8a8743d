import type { AppContext } from '../app_context';
import type { Agent, QueueSummary, ReportSchedule } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { isolated } from './report_figures';
import { draftFromSchedule, newScheduleDraft } from './schedule_draft';
import { scheduleForm } from './schedule_form';
import { scheduleSends } from './schedule_sends';
import { frequencyText, lastSendText, nextSendText, recipientsText, scheduleScopeText, sendTone } from './schedule_text';

const kColumns = [
  msg('schedules.name'),
  msg('reports.scope'),
  msg('schedules.when'),
  msg('schedules.language'),
  msg('schedules.recipients'),
  msg('schedules.enabled'),
  msg('schedules.next_send'),
  msg('schedules.last_send'),
  msg('schedules.owner'),
  msg('console.actions'),
];
/** The columns for a supervisor, who sees only their own schedules: no "Made by". */
const kOwnColumns = kColumns.filter((key) => key !== 'schedules.owner');

const kLanguageNames = { en: msg('language.en'), fa: msg('language.fa'), ar: msg('language.ar') } as const;

/** "Scheduled reports" on the Reports page, for managers and supervisors (docs/api.md
 *  /api/v1/report-schedules): the reports mailed on a schedule (a manager's every one, a
 *  supervisor's their own), a form to make or change one, Delete, Send now, and each one's
 *  send history with Retry for a send that failed. `agentName`: an agent's name where the page
 *  knows it. */
export function reportSchedules(context: AppContext, agentName: (id: string) => string) {
  const { api, notice } = context;
  // A manager sees everyone's schedules, a supervisor their own.
  const owners = context.user.role === 'manager';
  const rows = h('tbody', { 'data-testid': 'schedules-rows' });
  const table = h(
    'table',
    { class: 'table records-table schedules-table', 'data-testid': 'schedules' },
    h('thead', {}, h('tr', {}, ...(owners ? kColumns : kOwnColumns).map((key) => h('th', { scope: 'col' }, t(key))))),
    rows,
  );
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'schedules-status' });
  const saved = h('p', { class: 'saved-note', role: 'status', 'data-testid': 'schedule-saved' });
  const create = h('button', { type: 'button', class: 'primary', 'data-action': 'new-schedule' }, t('schedules.new'));
  const formSlot = h('div', { class: 'schedule-form-slot' });
  const sends = scheduleSends({ api, onChanged: () => void load(), onError: (error) => notice.show(errorText(error)) });
  const element = h(
    'section',
    { class: 'panel report-schedules', 'data-testid': 'report-schedules', 'aria-labelledby': 'schedules-title' },
    h('div', { class: 'results-head' }, h('h2', { id: 'schedules-title' }, t('schedules.title')), h('span', { class: 'pager form-actions' }, create)),
    h('p', { class: 'hint' }, t('schedules.hint')),
    saved,
    formSlot,
    status,
    h('div', { class: 'table-scroll' }, table),
    sends.element,
  );
  let gone = false;
  /** The list has been read once (until then it is not "none"). */
  let loaded = false;
  let listed: ReportSchedule[] = [];
  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];
  let form: ReturnType<typeof scheduleForm> | null = null;
  /** The schedule the form edits; null for a new one or no form. */
  let editing: number | null = null;

  const closeForm = () => {
    form = null;
    editing = null;
    formSlot.replaceChildren();
  };
  const openForm = (schedule: ReportSchedule | null) => {
    setText(saved, '');
    const draft = schedule ? draftFromSchedule(schedule) : newScheduleDraft(currentLanguage());
    editing = draft.id;
    form = scheduleForm(draft, {
      save: (_, body) => (draft.id === null ? api.createReportSchedule(body) : api.updateReportSchedule(draft.id, body)).then((r) => r.schedule),
      onSaved: (made) => {
        closeForm();
        setText(saved, t('schedules.saved', { name: isolated(made.name, currentLanguage()) }));
        saved.dataset.schedule = String(made.id);
        void load();
      },
      onClose: closeForm,
    });
    form.setChoices(agents, queues);
    formSlot.replaceChildren(form.element);
    form.element.scrollIntoView({ block: 'nearest' });
    form.element.querySelector<HTMLElement>('[data-field="name"]')?.focus();
  };
  create.addEventListener('click', () => openForm(null));

  const sendNow = (schedule: ReportSchedule, button: HTMLButtonElement) => {
    button.disabled = true;
    api
      .sendReportSchedule(schedule.id)
      .then(({ send }) => {
        if (gone) {
          return;
        }
        notice.show(t('schedules.sending', { name: isolated(schedule.name, currentLanguage()) }), 'info');
        sends.open(schedule, send);
        sends.element.scrollIntoView({ block: 'nearest' });
        void load();
      })
      .catch((error: unknown) => notice.show(errorText(error)))
      .finally(() => (button.disabled = false));
  };

  const remove = (schedule: ReportSchedule) => {
    if (!window.confirm(t('schedules.confirm_delete', { name: schedule.name }))) {
      return;
    }
    api
      .deleteReportSchedule(schedule.id)
      .then(() => {
        notice.show(t('schedules.deleted', { name: isolated(schedule.name, currentLanguage()) }), 'info');
        if (sends.shown()?.id === schedule.id) {
          sends.close();
        }
        if (editing === schedule.id) {
          closeForm();
        }
        void load();
      })
      .catch((error: unknown) => notice.show(errorText(error)));
  };

  const row = (schedule: ReportSchedule) => {
    const language = currentLanguage();
    const send: HTMLButtonElement = h('button', { type: 'button', 'data-action': 'send-schedule', onclick: () => sendNow(schedule, send) }, t('schedules.send_now'));
    const last = schedule.last_send;
    return h(
      'tr',
      { 'data-schedule': String(schedule.id), 'data-enabled': String(schedule.enabled) },
      h('td', { 'data-testid': 'schedule-name-cell' }, h('bdi', {}, schedule.name)),
      h('td', {}, scheduleScopeText(schedule.scope, language, agentName)),
      h('td', { 'data-testid': 'schedule-when' }, frequencyText(schedule.frequency, schedule.at, language)),
      // Each language's name is written in itself ("فارسی"); one the page does not know, as sent.
      h('td', { lang: schedule.language }, Object.hasOwn(kLanguageNames, schedule.language) ? t(kLanguageNames[schedule.language]) : schedule.language),
      h('td', { class: 'schedule-recipients-cell' }, recipientsText(schedule.recipients, language)),
      h('td', {}, schedule.enabled ? t('evaluation.yes') : t('evaluation.no')),
      h('td', { class: 'num', 'data-testid': 'schedule-next' }, nextSendText(schedule, language)),
      h('td', { 'data-testid': 'schedule-last', 'data-tone': last ? sendTone(last) : '' }, lastSendText(schedule, language)),
      owners ? h('td', { 'data-testid': 'schedule-owner' }, h('bdi', {}, schedule.owner)) : null,
      h(
        'td',
        {},
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'edit-schedule', onclick: () => openForm(schedule) }, t('scorecards.edit')),
          send,
          h('button', { type: 'button', 'data-action': 'show-sends', onclick: () => sends.open(schedule) }, t('schedules.history')),
          h('button', { type: 'button', class: 'danger', 'data-action': 'delete-schedule', onclick: () => remove(schedule) }, t('schedules.delete')),
        ),
      ),
    );
  };

  const draw = () => {
    rows.replaceChildren(...listed.map(row));
    table.hidden = listed.length === 0;
    setText(status, listed.length === 0 ? t('schedules.none') : '');
  };

  let latest = 0;
  async function load(): Promise<void> {
    const mine = ++latest;
    element.setAttribute('aria-busy', 'true');
    try {
      const { schedules } = await api.reportSchedules();
      if (!gone && mine === latest) {
        listed = schedules;
        loaded = true;
        draw();
        sends.listed(schedules);
      }
    } catch (error) {
      if (!gone && mine === latest) {
        listed = [];
        rows.replaceChildren();
        table.hidden = true;
        setText(status, errorText(error));
      }
    } finally {
      if (!gone && mine === latest) {
        element.removeAttribute('aria-busy');
      }
    }
  }

  table.hidden = true;
  setText(status, t('schedules.loading'));
  void load();

  return {
    element,
    /** The queues and agents the reader can see: a schedule's scope is one of them. */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[]) {
      agents = nextAgents;
      queues = nextQueues;
      form?.setChoices(agents, queues);
      // The agents' names have come: the list is written again with them.
      if (loaded) {
        draw();
      }
    },
    dispose() {
      gone = true;
      sends.dispose();
    },
  };
}
