import type { Agent, QueueSummary, ReportGroupBy, Scorecard } from '../api/types';
import { t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { dateField } from '../ui/date_field';
import { h, setText } from '../ui/dom';
import { kGroupBys, reportProblem, type ReportSearch } from './quality_report_query';

export const kGroupByLabels: Record<ReportGroupBy, MessageKey> = {
  agent: msg('quality.by_agent'),
  queue: msg('quality.by_queue'),
  evaluator: msg('quality.by_evaluator'),
  scorecard: msg('quality.by_scorecard'),
  section: msg('quality.by_section'),
  call: msg('quality.by_call'),
};

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

/** A choice list with "any" first; a value from a link no longer listed stays chosen by its id. */
function fillSelect(select: HTMLSelectElement, anyText: string, choices: { value: string; text: string }[], chosen: string): void {
  const known = choices.some((choice) => choice.value === chosen);
  select.replaceChildren(
    h('option', { value: '' }, anyText),
    ...choices.map((choice) => h('option', { value: choice.value, selected: choice.value === chosen }, choice.text)),
    ...(chosen && !known ? [h('option', { value: chosen, selected: true }, chosen)] : []),
  );
}

/** The report's form: the period (in the reader's calendar, as on the Recordings page), what
 *  to group by, and the agent, queue and scorecard filters. `onSearch` gets a report that
 *  makes sense (from before to); else the form says what is wrong. */
export function qualityReportForm(initial: ReportSearch, today: number, onSearch: (search: ReportSearch) => void) {
  const from = dateField(t('recordings.from'), 'report-from', initial.fromDay, today);
  const to = dateField(t('recordings.to'), 'report-to', initial.toDay, today);
  const by = h('select', { name: 'by', 'data-testid': 'report-by' }, ...kGroupBys.map((value) => h('option', { value }, t(kGroupByLabels[value]))));
  const agent = h('select', { name: 'agent', 'data-testid': 'report-agent' });
  const queue = h('select', { name: 'queue', 'data-testid': 'report-queue' });
  const scorecard = h('select', { name: 'scorecard', 'data-testid': 'report-scorecard' });
  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'report-problem' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'show-report' }, t('quality.show'));
  let shown = initial;
  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];
  let cards: Scorecard[] = [];

  const fillChoices = () => {
    fillSelect(agent, t('recordings.any_agent'), agents.map((a) => ({ value: a.id, text: `${a.id} ${a.name}` })), shown.agent);
    fillSelect(queue, t('recordings.any_queue'), queues.map((q) => ({ value: q.name, text: q.name })), shown.queue);
    fillSelect(scorecard, t('quality.any_scorecard'), cards.map((c) => ({ value: c.id, text: c.name })), shown.scorecard);
  };
  const set = (search: ReportSearch) => {
    shown = search;
    from.set(search.fromDay);
    to.set(search.toDay);
    by.value = search.by;
    fillChoices();
    setText(problem, '');
  };

  const element = h(
    'form',
    { class: 'panel recordings-form quality-form', 'data-testid': 'report-form', 'aria-label': t('quality.report') },
    h('div', { class: 'dates' }, from.element, to.element),
    h('div', { class: 'filters' }, field(t('quality.group_by'), by), field(t('call.agent'), agent), field(t('call.queue'), queue), field(t('evaluation.scorecard'), scorecard)),
    h('div', { class: 'form-actions' }, submit, problem),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const search: ReportSearch = {
      fromDay: from.value(),
      toDay: to.value(),
      by: by.value as ReportGroupBy,
      agent: agent.value,
      queue: queue.value,
      scorecard: scorecard.value,
    };
    const wrong = reportProblem(search);
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
    /** The agents, queues (the reader's scope) and scorecards to filter by. */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[], nextCards: Scorecard[]) {
      agents = nextAgents;
      queues = nextQueues;
      cards = nextCards;
      fillChoices();
    },
  };
}
