import { reportDownloadUrl } from '../api/endpoints';
import type { PeriodReport, ReportPeriod, ReportQuality, ReportRanking } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { h, setData, setText, type Child } from '../ui/dom';
import { lazyChart } from '../ui/lazy_chart';
import { isolated, periodLabel } from './report_figures';
import { agentQuality, qualitySummary } from './report_quality';
import { agentsChartOption, kChartAgents, periodsChartOption } from './reports_chart_options';
import { reportsCharts } from './reports_charts';
import { periodRecordingsLink, type DrillKind } from './reports_query';
import { figuresTable, pageLink, type FiguresRow } from './reports_tables';

type Drill = DrillKind;

const kDrillHints: Record<Drill, MessageKey> = {
  queue: msg('reports.drill_queue_hint'),
  agent: msg('reports.drill_agent_hint'),
};

export interface ReportsViewHandlers {
  /** An agent's name where the page knows it, else their id. */
  agentName(id: string): string;
  /** A team's name (its supervisor's) where the page knows it, else their username. */
  teamName(id: string): string;
  /** The address of a queue's or an agent's report (the same days and periods). */
  drillHref(kind: Drill, id: string): string;
  /** A queue's or an agent's row was opened. */
  onDrill(kind: Drill, id: string): void;
  /** Opens a page of this site (calls on the Recordings page). */
  navigate(path: string): void;
  /** The reader may open the Recordings page (agents may not): periods link to their calls. */
  recordings: boolean;
}

/** The report: whose it is, its periods' span and its QA score, the CSV, Excel and PDF downloads (the PDF
 *  printed by the server in the reader's language), the calls by period as a chart, the ASA
 *  and AHT by period, a table with the total, the waits and the calls by weekday and hour
 *  (reports_charts.ts); for the centre and a team its queues, for the centre, a team and a
 *  queue its agents ranked by answered calls (a chart and a table, with each one's QA score),
 *  each row opening that queue's or agent's report. A queue's or an agent's periods link to
 *  their calls. */
export function reportsView(handlers: ReportsViewHandlers) {
  const title = h('h2', { id: 'reports-title', 'data-testid': 'reports-title' });
  const summary = h('span', { class: 'page-range', 'data-testid': 'reports-summary' });
  const qaScore = h('span', { class: 'page-range', 'data-testid': 'reports-qa' });
  const csv = h('a', { class: 'button', 'data-testid': 'reports-csv', download: '' }, t('quality.download_csv'));
  const xlsx = h('a', { class: 'button', 'data-testid': 'reports-xlsx', download: '' }, t('quality.download_xlsx'));
  const pdf = h('a', { class: 'button', 'data-testid': 'reports-pdf', download: '' }, t('reports.download_pdf'));
  const downloads = h('span', { class: 'pager' }, csv, xlsx, pdf);
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'reports-status' });
  const volume = lazyChart('reports-volume-chart');
  const volumeTitle = h('h3', {}, t('reports.volume_chart'));
  const charts = reportsCharts();
  const periods = figuresTable('report-periods');
  const queues = figuresTable('report-queues');
  const queuesPart = h('section', { class: 'report-part', 'data-testid': 'report-queues-part' }, h('h3', {}, t('reports.queues')), queues.element);
  const ranking = lazyChart('reports-agents-chart');
  const rankingNote = h('p', { class: 'hint' });
  const agents = figuresTable('report-agents');
  const agentsPart = h(
    'section',
    { class: 'report-part', 'data-testid': 'report-agents-part' },
    h('h3', {}, t('reports.agents_chart')),
    rankingNote,
    ranking.element,
    agents.element,
  );
  const element = h(
    'section',
    { class: 'panel period-report', 'data-testid': 'period-report', 'aria-labelledby': 'reports-title' },
    h('div', { class: 'results-head' }, title, summary, qaScore, downloads),
    status,
    volumeTitle,
    volume.element,
    charts.trend,
    periods.element,
    charts.patterns,
    queuesPart,
    agentsPart,
  );
  let last: { report: PeriodReport; query: string } | null = null;

  const drillRow = (kind: Drill, row: ReportRanking, text: string, tail: Child = null): FiguresRow => ({
    key: row.id,
    head: pageLink(handlers.drillHref(kind, row.id), `drill-${kind}`, h('bdi', {}, text), () => handlers.onDrill(kind, row.id), t(kDrillHints[kind])),
    figures: row,
    tail,
  });
  /** An agent's QA score, how many evaluations it averages in its hint. */
  const qaCell = (quality: ReportQuality, agent: string) => {
    const { text, hint, evaluations } = agentQuality(quality, agent, currentLanguage());
    return h('span', { title: hint, 'data-evaluations': String(evaluations) }, text);
  };
  const callsLink = (kind: Drill, id: string, period: ReportPeriod) => {
    const href = periodRecordingsLink(kind, id, period);
    return pageLink(href, 'open-calls', t('reports.calls'), () => handlers.navigate(href), t('reports.calls_hint'));
  };
  const titleOf = ({ kind, id }: PeriodReport['scope']) => {
    const language = currentLanguage();
    switch (kind) {
      case 'queue':
        return t('reports.title_queue', { queue: isolated(id, language) });
      case 'agent':
        return t('reports.title_agent', { agent: isolated(handlers.agentName(id), language) });
      case 'team':
        return t('reports.title_team', { team: isolated(handlers.teamName(id), language) });
      default:
        return t('reports.title_centre');
    }
  };

  /** Shows `report`, asked for with the API query `query` (the downloads ask the same). */
  const show = (report: PeriodReport, query: string) => {
    last = { report, query };
    const language = currentLanguage();
    const { scope } = report;
    element.removeAttribute('aria-busy');
    setData(element, 'scope', scope.kind);
    setData(element, 'id', scope.id);
    setData(element, 'by', report.by);
    setData(element, 'calendar', report.calendar);
    setText(title, titleOf(scope));
    const first = report.periods[0];
    const final = report.periods[report.periods.length - 1];
    const range = first && final ? { first: isolated(periodLabel(first.label, language), language), last: isolated(periodLabel(final.label, language), language) } : null;
    setText(summary, range ? t('reports.range', range) : '');
    const qa = qualitySummary(report.quality, language);
    setText(qaScore, qa ?? '');
    qaScore.hidden = qa === null;
    downloads.hidden = false;
    csv.setAttribute('href', reportDownloadUrl(query, 'csv'));
    xlsx.setAttribute('href', reportDownloadUrl(query, 'xlsx'));
    pdf.setAttribute('href', reportDownloadUrl(query, 'pdf'));
    const quiet = report.total.counters.offered === 0 && report.total.counters.answered === 0;
    setText(status, quiet ? t('reports.no_calls') : '');

    volumeTitle.hidden = report.periods.length === 0;
    void volume.show(report.periods.length, () => periodsChartOption(report, currentLanguage()));
    charts.show(report);
    // A queue's or an agent's periods link to their calls, for readers of the Recordings page
    // (which finds calls by queue or by agent: a team's are several queues).
    const calls = handlers.recordings && (scope.kind === 'queue' || scope.kind === 'agent') ? scope.kind : null;
    periods.show(
      t('reports.period'),
      report.periods.map((period) => ({
        key: period.label,
        head: h('bdi', {}, periodLabel(period.label, language)),
        figures: period,
        tail: calls ? callsLink(calls, scope.id, period) : null,
      })),
      report.total,
      calls ? t('reports.calls') : null,
    );

    const queueRows = report.queues ?? [];
    queuesPart.hidden = queueRows.length === 0;
    queues.show(t('call.queue'), queueRows.map((row) => drillRow('queue', row, row.id)), null);

    const agentRows = report.agents ?? [];
    agentsPart.hidden = agentRows.length === 0;
    // The QA column where the server keeps evaluations.
    const { quality } = report;
    agents.show(
      t('call.agent'),
      agentRows.map((row) => drillRow('agent', row, handlers.agentName(row.id), quality ? qaCell(quality, row.id) : null)),
      null,
      quality ? t('reports.qa') : null,
    );
    setText(rankingNote, agentRows.length > kChartAgents ? t('reports.agents_chart_top', { count: formatInteger(kChartAgents, language) }) : '');
    rankingNote.hidden = agentRows.length <= kChartAgents;
    void ranking.show(agentRows.length, () => agentsChartOption(agentRows, currentLanguage(), handlers.agentName));
  };

  const hideAll = () => {
    for (const part of [qaScore, volumeTitle, downloads, queuesPart, agentsPart, periods.element]) {
      part.hidden = true;
    }
    volume.hide();
    ranking.hide();
    charts.hide();
  };
  hideAll();

  return {
    element,
    loading() {
      element.setAttribute('aria-busy', 'true');
      setText(status, t('recordings.searching'));
    },
    failed(text: string) {
      last = null;
      element.removeAttribute('aria-busy');
      setText(title, '');
      setText(summary, '');
      setText(qaScore, '');
      setText(status, text);
      hideAll();
    },
    show,
    /** Writes the report again (the agents' names have arrived). */
    relabel() {
      if (last && !element.hasAttribute('aria-busy')) {
        show(last.report, last.query);
      }
    },
    dispose() {
      volume.dispose();
      ranking.dispose();
      charts.dispose();
    },
  };
}
