import type { AppContext } from '../app_context';
import type { Agent, SampleCall, SampleRule } from '../api/types';
import { formatDateTime } from '../format/dates';
import { formatDuration, formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { dateField } from '../ui/date_field';
import { h, setData, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { recordingsLink } from './quality_report_query';
import { defaultSampleSearch, kMaxPerAgent, kSampleRules, sampleApiQuery, type SampleSearch } from './quality_sample_query';

const kRuleLabels: Record<SampleRule, MessageKey> = {
  random: msg('quality.rule_random'),
  short: msg('quality.rule_short'),
  'long-hold': msg('quality.rule_long_hold'),
  transferred: msg('quality.rule_transferred'),
};

const kColumns = [msg('call.agent'), msg('recordings.started'), msg('recordings.talk'), msg('recordings.hold'), msg('quality.transferred'), msg('console.actions')];

function field(label: string, control: HTMLElement): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control);
}

/** "To evaluate": QA's work list (GET /api/v1/quality/sample) — for every agent, a few answered
 *  calls nobody has evaluated, at random or by a rule, so that each agent is covered rather
 *  than whoever's calls QA happened to open. Each call's Evaluate opens it on the Recordings
 *  page, where its Evaluations panel scores it. The pick is stable for the period, so the list
 *  reads the same after a reload; evaluated calls drop out of it. */
export function qualitySample(context: AppContext, today: number, agentName: (id: string) => string) {
  const language = currentLanguage();
  const initial = defaultSampleSearch(today);
  const from = dateField(t('recordings.from'), 'sample-from', initial.fromDay, today);
  const to = dateField(t('recordings.to'), 'sample-to', initial.toDay, today);
  const perAgent = h(
    'select',
    { name: 'per_agent', 'data-testid': 'sample-per-agent' },
    ...Array.from({ length: kMaxPerAgent }, (_, i) => h('option', { value: String(i + 1), selected: i + 1 === initial.perAgent }, formatInteger(i + 1, language))),
  );
  const rule = h('select', { name: 'rule', 'data-testid': 'sample-rule' }, ...kSampleRules.map((value) => h('option', { value }, t(kRuleLabels[value]))));
  const agent = h('select', { name: 'agent', 'data-testid': 'sample-agent' }, h('option', { value: '' }, t('recordings.any_agent')));
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'list-sample' }, t('quality.list_calls'));
  const form = h(
    'form',
    { class: 'recordings-form', 'data-testid': 'sample-form' },
    h('div', { class: 'dates' }, from.element, to.element),
    h('div', { class: 'filters' }, field(t('quality.per_agent'), perAgent), field(t('quality.rule'), rule), field(t('call.agent'), agent)),
    h('div', { class: 'form-actions' }, submit, problem),
  );
  const candidates = h('p', { class: 'results-status', role: 'status', 'data-testid': 'sample-candidates' });
  const rows = h('tbody', { 'data-testid': 'sample-rows' });
  const table = h('table', { class: 'table records-table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const element = h(
    'section',
    { class: 'panel quality-sample', 'data-testid': 'quality-sample', 'aria-labelledby': 'sample-title' },
    h('h2', { id: 'sample-title' }, t('quality.to_evaluate')),
    h('p', { class: 'hint' }, t('quality.to_evaluate_hint')),
    form,
    candidates,
    h('div', { class: 'table-scroll' }, table),
  );
  let latest = 0;
  let listed: SampleCall[] = [];

  const go = (event: Event, href: string) => {
    event.preventDefault();
    context.navigate(href);
  };
  const row = (call: SampleCall) => {
    const href = recordingsLink(call.id);
    return h(
      'tr',
      { 'data-call': call.id, 'data-agent': call.agent },
      h('td', {}, agentName(call.agent)),
      h('td', { class: 'num' }, formatDateTime(call.started_at_ms, language)),
      h('td', { class: 'num' }, formatDuration(call.talk_ms, language)),
      h('td', { class: 'num' }, formatDuration(call.hold_ms, language)),
      h('td', { 'data-transferred': String(call.transferred) }, call.transferred ? t('evaluation.yes') : t('evaluation.no')),
      h('td', {}, h('a', { class: 'button', href, 'data-action': 'evaluate-call', onclick: (event: Event) => go(event, href) }, t('evaluation.evaluate'))),
    );
  };

  const run = async (search: SampleSearch) => {
    const mine = ++latest;
    element.setAttribute('aria-busy', 'true');
    setText(candidates, t('recordings.searching'));
    try {
      const sample = await context.api.qualitySample(sampleApiQuery(search));
      if (mine !== latest) {
        return;
      }
      listed = sample.calls;
      rows.replaceChildren(...sample.calls.map(row));
      table.hidden = sample.calls.length === 0;
      setData(candidates, 'candidates', String(sample.candidates));
      setText(
        candidates,
        sample.calls.length === 0
          ? t('quality.sample_none', { candidates: formatInteger(sample.candidates, language) })
          : t('quality.sample_count', { calls: formatInteger(sample.calls.length, language), candidates: formatInteger(sample.candidates, language) }),
      );
    } catch (error) {
      if (mine === latest) {
        table.hidden = true;
        setText(candidates, errorText(error));
      }
    } finally {
      if (mine === latest) {
        element.removeAttribute('aria-busy');
      }
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const search: SampleSearch = { fromDay: from.value(), toDay: to.value(), perAgent: Number(perAgent.value), rule: rule.value as SampleRule, agent: agent.value };
    if (search.fromDay > search.toDay) {
      setText(problem, t('recordings.error_dates'));
      return;
    }
    setText(problem, '');
    void run(search);
  });
  void run(initial);

  return {
    element,
    /** The agents in the reader's scope, for the filter; the list is written again with
     *  their names. */
    setAgents(agents: Agent[]) {
      const chosen = agent.value;
      agent.replaceChildren(
        h('option', { value: '' }, t('recordings.any_agent')),
        ...agents.map((a) => h('option', { value: a.id, selected: a.id === chosen }, `${a.id} ${a.name}`)),
      );
      rows.replaceChildren(...listed.map(row));
    },
  };
}
