import type { MountPage } from '../app_context';
import type { ReportGroupBy, Scorecard } from '../api/types';
import { dayOfInstant } from '../format/calendar';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { errorText } from '../ui/labels';
import { reportKeyLabel } from './quality_key_label';
import { qualityReportForm } from './quality_report_form';
import { drillIntoAgent, reportApiQuery, reportPageQuery, reportSearchFromQuery, type ReportSearch } from './quality_report_query';
import { qualityReportView } from './quality_report_view';
import { qualitySample } from './quality_sample';

/** The Quality page (managers, supervisors, QA analysts): the evaluations' figures over a
 *  period by agent, queue, analyst, scorecard, section or call (calibration), as a table, a
 *  chart and a CSV; and "To evaluate", the calls QA should score next. The report is kept in
 *  the address, so a reload, a language change or a shared link shows the same; opening an
 *  agent's row is a step Back returns from. */
export const mountQuality: MountPage = (root, context) => {
  const today = dayOfInstant(Date.now());
  let search: ReportSearch = reportSearchFromQuery(location.search, today);
  const agentNames = new Map<string, string>();
  const cardNames = new Map<string, string>();
  let gone = false;
  /** Answers to an older report than the latest are dropped. */
  let latest = 0;

  const label = (by: ReportGroupBy, key: string) => reportKeyLabel(by, key, agentNames, cardNames);

  const run = async (next: ReportSearch, step: 'replace' | 'push' = 'replace') => {
    search = next;
    history[step === 'push' ? 'pushState' : 'replaceState'](null, '', `/quality?${reportPageQuery(search)}`);
    const mine = ++latest;
    const query = reportApiQuery(search);
    view.loading();
    try {
      const report = await context.api.qualityReport(query);
      if (!gone && mine === latest) {
        view.show(report, query);
      }
    } catch (error) {
      if (!gone && mine === latest) {
        view.failed(errorText(error));
      }
    }
  };

  const form = qualityReportForm(search, today, (next) => void run(next));
  const view = qualityReportView({
    label,
    navigate: context.navigate,
    onDrill: (agent) => {
      const next = drillIntoAgent(search, agent);
      form.set(next);
      void run(next, 'push');
    },
    drillHref: (agent) => `/quality?${reportPageQuery(drillIntoAgent(search, agent))}`,
  });
  const sample = qualitySample(context, today, (id) => agentNames.get(id) ?? id);
  root.append(h('h1', { class: 'page-title' }, t('page.quality')), form.element, view.element, sample.element);

  // The agents, queues and scorecards to filter by, and their names for the table and chart.
  void Promise.all([context.api.agents(), context.api.queues(), context.api.scorecards().catch(() => ({ scorecards: [] as Scorecard[] }))])
    .then(([{ agents }, { queues }, { scorecards }]) => {
      if (gone) {
        return;
      }
      agents.forEach((agent) => agentNames.set(agent.id, agent.name));
      scorecards.forEach((card) => cardNames.set(card.id, card.name));
      form.setChoices(agents, queues, scorecards);
      sample.setAgents(agents);
      // A report shown before the names came is written again with them.
      view.relabel();
    })
    .catch((error: unknown) => context.notice.show(errorText(error)));

  void run(search);
  return () => {
    gone = true;
    view.dispose();
  };
};
