import type { Agent, QueueSummary } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { dateField } from '../ui/date_field';
import { h, setText } from '../ui/dom';
import { attendanceProblem, kMaxAttendanceDays, type AttendanceSearch } from './attendance_query';
import { fromScopeChoice, scopeChoice } from './reports_query';

/** The Attendance page's filters: whose days (every agent the reader may read, a queue's
 *  members or one agent) and the days, in the reader's calendar as on the Reports page. An
 *  agent reads only their own days: `choose` false leaves the choice of whose out. `onSearch`
 *  gets a search that makes sense; else the form says what is wrong. */
export function attendanceForm(initial: AttendanceSearch, today: number, choose: boolean, onSearch: (search: AttendanceSearch) => void) {
  const from = dateField(t('recordings.from'), 'attendance-from', initial.fromDay, today);
  const to = dateField(t('recordings.to'), 'attendance-to', initial.toDay, today);
  const scope = h('select', { name: 'scope', 'data-testid': 'attendance-scope' });
  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'attendance-problem' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'show-attendance' }, t('attendance.show'));
  let shown = initial;
  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];

  /** Every agent, then the queues and the agents in groups; a choice from a link that is no
   *  longer listed stays chosen, by its id. */
  const fillScope = () => {
    const chosen = scopeChoice(shown);
    const option = (value: string, text: string) => h('option', { value, selected: value === chosen }, text);
    const listed = ['', ...queues.map((q) => `queue:${q.name}`), ...agents.map((a) => `agent:${a.id}`)];
    scope.replaceChildren(
      option('', t('attendance.all_agents')),
      ...(queues.length ? [h('optgroup', { label: t('reports.queues') }, ...queues.map((q) => option(`queue:${q.name}`, q.name)))] : []),
      ...(agents.length ? [h('optgroup', { label: t('reports.agents') }, ...agents.map((a) => option(`agent:${a.id}`, `${a.id} ${a.name}`)))] : []),
      ...(listed.includes(chosen) ? [] : [option(chosen, chosen.slice(chosen.indexOf(':') + 1))]),
    );
  };
  const set = (search: AttendanceSearch) => {
    shown = search;
    from.set(search.fromDay);
    to.set(search.toDay);
    fillScope();
    setText(problem, '');
  };

  const scopeField = h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('attendance.scope')), scope);
  scopeField.hidden = !choose;
  const element = h(
    'form',
    { class: 'panel recordings-form attendance-form', 'data-testid': 'attendance-form', 'aria-label': t('page.attendance') },
    h('div', { class: 'dates' }, from.element, to.element),
    h('div', { class: 'filters' }, scopeField),
    h('div', { class: 'form-actions' }, submit, problem),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    // The scope's queue or agent only: this form offers no teams.
    const { queue, agent } = choose ? fromScopeChoice(scope.value) : { queue: '', agent: shown.agent };
    const search: AttendanceSearch = { fromDay: from.value(), toDay: to.value(), queue, agent };
    const wrong = attendanceProblem(search);
    if (wrong) {
      setText(problem, t(wrong, { days: formatInteger(kMaxAttendanceDays, currentLanguage()) }));
      return;
    }
    shown = search;
    setText(problem, '');
    onSearch(search);
  });

  set(initial);
  return {
    element,
    set,
    /** The agents and queues the reader may read (their scope). */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[]) {
      agents = nextAgents;
      queues = nextQueues;
      fillScope();
    },
  };
}
