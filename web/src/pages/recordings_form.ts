import type { Agent, QueueSummary } from '../api/types';
import { formatDuration, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { dateField } from '../ui/date_field';
import { h, setText } from '../ui/dom';
import { dispositionLabel } from '../ui/labels';
import { defaultSearch, kDispositions, normalizeCaller, parseTalkSeconds, searchProblem, type RecordSearch } from './recordings_query';

function field(label: string, control: HTMLElement, className = ''): HTMLElement {
  return h('label', { class: `field ${className}`.trim() }, h('span', { class: 'field-label' }, label), control);
}

function talkText(seconds: number | null): string {
  return seconds === null ? '' : formatDuration(seconds * 1000, currentLanguage());
}

/** The search form of the Recordings page: the days (in the reader's calendar), agent, queue,
 *  part of the caller's number, how the call ended, talk time, evaluated or not, recorded
 *  calls only, order.
 *  `onSearch` gets a search that makes sense (from before to, least talk below most); else the
 *  form says what is wrong and sends nothing. */
export function recordingsForm(initial: RecordSearch, today: number, onSearch: (search: RecordSearch) => void) {
  const from = dateField(t('recordings.from'), 'from-date', initial.fromDay, today);
  const to = dateField(t('recordings.to'), 'to-date', initial.toDay, today);
  const agent = h('select', { name: 'agent', 'data-testid': 'agent-filter' });
  const queue = h('select', { name: 'queue', 'data-testid': 'queue-filter' });
  // The number is written left to right whatever the page's direction.
  const caller = h('input', { name: 'caller', type: 'text', inputmode: 'tel', dir: 'ltr', autocomplete: 'off', 'data-testid': 'caller-filter' });
  const disposition = h(
    'select',
    { name: 'disposition', 'data-testid': 'disposition-filter' },
    h('option', { value: '' }, t('recordings.any_disposition')),
    ...kDispositions.map((value) => h('option', { value }, dispositionLabel(value))),
  );
  // Text, not type=number: a number field takes only Latin digits, and "1:30" is a talk time.
  const placeholder = localizeDigits(t('recordings.talk_placeholder'), currentLanguage());
  const minTalk = h('input', { name: 'min_talk', type: 'text', inputmode: 'numeric', dir: 'ltr', placeholder, 'data-testid': 'min-talk' });
  const maxTalk = h('input', { name: 'max_talk', type: 'text', inputmode: 'numeric', dir: 'ltr', placeholder, 'data-testid': 'max-talk' });
  const recorded = h('input', { name: 'recorded', type: 'checkbox', 'data-testid': 'recorded-only' });
  const evaluated = h(
    'select',
    { name: 'evaluated', 'data-testid': 'evaluated-filter' },
    h('option', { value: '' }, t('recordings.evaluated_any')),
    h('option', { value: 'true' }, t('recordings.evaluated_yes')),
    h('option', { value: 'false' }, t('recordings.evaluated_no')),
  );
  const order = h(
    'select',
    { name: 'order', 'data-testid': 'order' },
    h('option', { value: 'newest' }, t('recordings.newest_first')),
    h('option', { value: 'oldest' }, t('recordings.oldest_first')),
  );
  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'search-problem' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'search' }, t('recordings.search'));
  const reset = h('button', { type: 'button', 'data-action': 'reset' }, t('recordings.reset'));

  let agents: Agent[] = [];
  let queues: QueueSummary[] = [];
  let shown = initial;

  const fillChoices = () => {
    const chosenAgent = shown.agent;
    const chosenQueue = shown.queue;
    // A filter from a link for an agent or queue no longer listed stays chosen, by its id.
    const agentIds = new Set(agents.map((a) => a.id));
    agent.replaceChildren(
      h('option', { value: '' }, t('recordings.any_agent')),
      ...agents.map((a) => h('option', { value: a.id, selected: a.id === chosenAgent }, `${a.id} ${a.name}`)),
      ...(chosenAgent && !agentIds.has(chosenAgent) ? [h('option', { value: chosenAgent, selected: true }, chosenAgent)] : []),
    );
    const queueNames = new Set(queues.map((q) => q.name));
    queue.replaceChildren(
      h('option', { value: '' }, t('recordings.any_queue')),
      ...queues.map((q) => h('option', { value: q.name, selected: q.name === chosenQueue }, q.name)),
      ...(chosenQueue && !queueNames.has(chosenQueue) ? [h('option', { value: chosenQueue, selected: true }, chosenQueue)] : []),
    );
  };

  const set = (search: RecordSearch) => {
    shown = search;
    from.set(search.fromDay);
    to.set(search.toDay);
    fillChoices();
    caller.value = localizeDigits(search.caller, currentLanguage());
    disposition.value = search.disposition;
    minTalk.value = talkText(search.minTalkS);
    maxTalk.value = talkText(search.maxTalkS);
    recorded.checked = search.recordedOnly;
    evaluated.value = search.evaluated;
    order.value = search.order;
    setText(problem, '');
  };

  /** The search the fields ask for, or why there is none. */
  const read = (): RecordSearch | string => {
    const min = parseTalkSeconds(minTalk.value);
    const max = parseTalkSeconds(maxTalk.value);
    if (min === undefined || max === undefined) {
      return t('recordings.error_talk_format');
    }
    const search: RecordSearch = {
      fromDay: from.value(),
      toDay: to.value(),
      agent: agent.value,
      queue: queue.value,
      caller: normalizeCaller(caller.value.trim()),
      disposition: disposition.value as RecordSearch['disposition'],
      recordedOnly: recorded.checked,
      evaluated: evaluated.value as RecordSearch['evaluated'],
      minTalkS: min,
      maxTalkS: max,
      order: order.value === 'oldest' ? 'oldest' : 'newest',
      offset: 0,
    };
    const wrong = searchProblem(search);
    return wrong ? t(wrong) : search;
  };

  const element = h(
    'form',
    { class: 'panel recordings-form', 'data-testid': 'recordings-search', 'aria-label': t('recordings.search') },
    h('div', { class: 'dates' }, from.element, to.element),
    h(
      'div',
      { class: 'filters' },
      field(t('call.agent'), agent),
      field(t('call.queue'), queue),
      field(t('recordings.caller_number'), caller),
      field(t('recordings.disposition'), disposition),
      field(t('recordings.min_talk'), minTalk, 'talk'),
      field(t('recordings.max_talk'), maxTalk, 'talk'),
      field(t('recordings.evaluated'), evaluated),
      field(t('recordings.order'), order),
      h('label', { class: 'check' }, recorded, h('span', {}, t('recordings.recorded_only'))),
    ),
    h('div', { class: 'form-actions' }, submit, reset, problem),
  );
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    const search = read();
    if (typeof search === 'string') {
      setText(problem, search);
      return;
    }
    shown = search;
    setText(problem, '');
    onSearch(search);
  });
  reset.addEventListener('click', () => {
    set(defaultSearch(today));
    onSearch(shown);
  });

  set(initial);
  return {
    element,
    set,
    /** The agents and queues the reader may search by (their scope). */
    setChoices(nextAgents: Agent[], nextQueues: QueueSummary[]) {
      agents = nextAgents;
      queues = nextQueues;
      fillChoices();
    },
  };
}
