import type { Agent, QueueSummary, ReportCalendar } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { dateField } from '../ui/date_field';
import { h, setText } from '../ui/dom';
import type { ReportTeam } from './report_teams';
import {
  fromGrainChoice,
  fromScopeChoice,
  grainChoice,
  kCalendars,
  kGrainChoices,
  reportsProblem,
  scopeChoice,
  type GrainChoice,
  type ReportsSearch,
} from './reports_query';

const kCalendarLabels: Record<ReportCalendar, MessageKey> = {
  jalali: msg('reports.calendar_jalali'),
  gregorian: msg('reports.calendar_gregorian'),
  hijri: msg('reports.calendar_hijri'),
};

const kGrainLabels: Record<Exclude<GrainChoice, `interval-${number}`>, MessageKey> = {
  day: msg('reports.by_day'),
  week: msg('reports.by_week'),
  month: msg('reports.by_month'),
  year: msg('reports.by_year'),
};

/** "15 minutes", "۳۰ دقیقه", "Day", "Week"... */
function grainText(choice: GrainChoice): string {
  const minutes = /^interval-(\d+)$/.exec(choice);
  if (minutes) {
    return t('reports.by_minutes', { minutes: formatInteger(Number(minutes[1]), currentLanguage()) });
  }
  return t(kGrainLabels[choice as keyof typeof kGrainLabels]);
}

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

/** The Reports page's form: whose figures (the centre, a supervisor's team, a queue, an agent:
 *  the reader's scope),
 *  how long each period is, the days (in the reader's calendar, as on the Recordings page)
 *  and the calendar the periods are cut in. `centre`: the reader may see the centre's figures
 *  (an agent sees their own and their queues'). `onSearch` gets a report that makes sense;
 *  else the form says what is wrong. */
export function reportsForm(initial: ReportsSearch, today: number, centre: boolean, onSearch: (search: ReportsSearch) => void) {
  const from = dateField(t('recordings.from'), 'reports-from', initial.fromDay, today);
  const to = dateField(t('recordings.to'), 'reports-to', initial.toDay, today);
  const scope = h('select', { name: 'scope', 'data-testid': 'reports-scope' });
  const by = h('select', { name: 'by', 'data-testid': 'reports-by' }, ...kGrainChoices.map((value) => h('option', { value }, grainText(value))));
  const calendar = h(
    'select',
    { name: 'calendar', 'data-testid': 'reports-calendar' },
    ...kCalendars.map((value) => h('option', { value }, t(kCalendarLabels[value]))),
  );
  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'reports-problem' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'show-report' }, t('quality.show'));
  let shown = initial;
  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];
  let teams: ReportTeam[] = [];

  /** The centre, then the teams, the queues and the agents in groups; a scope from a link
   *  that is no longer listed stays chosen, by its id. */
  const fillScope = () => {
    const chosen = scopeChoice(shown);
    const option = (value: string, text: string) => h('option', { value, selected: value === chosen }, text);
    const listed = [...teams.map((team) => `team:${team.id}`), ...queues.map((q) => `queue:${q.name}`), ...agents.map((a) => `agent:${a.id}`)];
    scope.replaceChildren(
      ...(centre ? [option('', t('reports.centre'))] : []),
      ...(teams.length ? [h('optgroup', { label: t('reports.teams') }, ...teams.map((team) => option(`team:${team.id}`, team.name)))] : []),
      ...(queues.length ? [h('optgroup', { label: t('reports.queues') }, ...queues.map((q) => option(`queue:${q.name}`, q.name)))] : []),
      ...(agents.length ? [h('optgroup', { label: t('reports.agents') }, ...agents.map((a) => option(`agent:${a.id}`, `${a.id} ${a.name}`)))] : []),
      ...(chosen && !listed.includes(chosen) ? [option(chosen, chosen.slice(chosen.indexOf(':') + 1))] : []),
    );
  };
  const set = (search: ReportsSearch) => {
    shown = search;
    from.set(search.fromDay);
    to.set(search.toDay);
    by.value = grainChoice(search);
    calendar.value = search.calendar;
    fillScope();
    setText(problem, '');
  };

  const element = h(
    'form',
    { class: 'panel recordings-form reports-form', 'data-testid': 'reports-form', 'aria-label': t('page.reports') },
    h('div', { class: 'dates' }, from.element, to.element),
    h('div', { class: 'filters' }, field(t('reports.scope'), scope), field(t('reports.by'), by), field(t('reports.calendar'), calendar)),
    h('div', { class: 'form-actions' }, submit, problem),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const search: ReportsSearch = {
      fromDay: from.value(),
      toDay: to.value(),
      ...fromGrainChoice(by.value as GrainChoice, shown.intervalMin),
      calendar: calendar.value as ReportCalendar,
      ...fromScopeChoice(scope.value),
    };
    const wrong = reportsProblem(search);
    if (wrong) {
      setText(problem, t(wrong));
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
    /** The agents and queues the reader may report on (their scope). */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[]) {
      agents = nextAgents;
      queues = nextQueues;
      fillScope();
    },
    /** The supervisors' teams the reader may report on (report_teams.ts teamChoice). */
    setTeams(nextTeams: ReportTeam[]) {
      teams = nextTeams;
      fillScope();
    },
  };
}
