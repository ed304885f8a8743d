import { qualityReportCsvUrl, qualityReportXlsxUrl } from '../api/endpoints';
import type { QualityReport, QualityReportRow, ReportGroupBy } from '../api/types';
import { formatDecimal, formatInteger, kNoData } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import { h, setData, setText } from '../ui/dom';
import { formatScore } from './evaluation_labels';
import { qualityChart } from './quality_chart';
import { recordingsLink } from './quality_report_query';

const kKeyHeaders: Record<ReportGroupBy, MessageKey> = {
  agent: msg('call.agent'),
  queue: msg('call.queue'),
  evaluator: msg('evaluation.evaluator'),
  scorecard: msg('evaluation.scorecard'),
  section: msg('evaluation.section'),
  call: msg('quality.call'),
};

const kFigureHeaders = [
  msg('quality.evaluations'),
  msg('quality.average'),
  msg('quality.lowest'),
  msg('quality.highest'),
  msg('quality.spread'),
  msg('quality.pass_rate'),
  msg('quality.critical_failures'),
  msg('quality.disputed'),
];

export interface ReportViewHandlers {
  /** How a key reads: an agent's name, a scorecard's name; else the key itself. */
  label(by: ReportGroupBy, key: string): string;
  /** Opens a page of this site (a call on the Recordings page). */
  navigate(path: string): void;
  /** An agent's row was opened: their calls (by=call for that agent). */
  onDrill(agent: string): void;
  /** The address of that drill, for the link (a new tab, a copied link). */
  drillHref(agent: string): string;
}

/** The report's figures for the reader's digits: scores and rates as percentages, the spread
 *  in points with one decimal, counts as whole numbers. */
function figures(row: QualityReportRow, language: ReturnType<typeof currentLanguage>): string[] {
  return [
    formatInteger(row.evaluations, language),
    formatScore(row.average, language),
    formatScore(row.lowest, language),
    formatScore(row.highest, language),
    row.spread === null ? kNoData : formatDecimal(row.spread, language),
    formatScore(row.pass_rate, language),
    formatInteger(row.critical_failures, language),
    formatInteger(row.disputed, language),
  ];
}

/** The report: how many evaluations, the CSV download, a table of every key's figures and the
 *  chart. By call it is the calibration view: the spread is how far the analysts who scored
 *  the same call disagree, and each call opens on the Recordings page. By agent, a row opens
 *  that agent's calls. */
export function qualityReportView(handlers: ReportViewHandlers) {
  const title = h('h2', { 'data-testid': 'report-title' });
  const note = h('p', { class: 'hint', 'data-testid': 'report-note' });
  const summary = h('span', { class: 'page-range', 'data-testid': 'report-summary' });
  const csv = h('a', { class: 'button', 'data-testid': 'report-csv', download: '' }, t('quality.download_csv'));
  const xlsx = h('a', { class: 'button', 'data-testid': 'report-xlsx', download: '' }, t('quality.download_xlsx'));
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'report-status' });
  const head = h('tr', {});
  const rows = h('tbody', { 'data-testid': 'report-rows' });
  const table = h('table', { class: 'table records-table report-table' }, h('thead', {}, head), rows);
  const scroll = h('div', { class: 'table-scroll' }, table);
  const chart = qualityChart();
  const element = h(
    'section',
    { class: 'panel quality-report', 'data-testid': 'quality-report', 'aria-labelledby': 'report-title' },
    h('div', { class: 'results-head' }, title, summary, h('span', { class: 'pager' }, csv, xlsx)),
    note,
    status,
    scroll,
    chart.element,
  );
  title.id = 'report-title';
  let last: { report: QualityReport; query: string } | null = null;

  const keyCell = (by: ReportGroupBy, key: string): HTMLElement => {
    const text = handlers.label(by, key);
    // A real link (a new tab, a copied address), followed within the page on a plain click.
    const link = (href: string, action: string, go: () => void) => {
      const onclick = (event: Event) => {
        event.preventDefault();
        go();
      };
      return h('a', { href, 'data-action': action, onclick }, h('bdi', {}, text));
    };
    if (by === 'call') {
      return h('th', { scope: 'row' }, link(recordingsLink(key), 'open-call', () => handlers.navigate(recordingsLink(key))));
    }
    if (by === 'agent') {
      return h('th', { scope: 'row', title: t('quality.drill_hint') }, link(handlers.drillHref(key), 'drill-agent', () => handlers.onDrill(key)));
    }
    return h('th', { scope: 'row' }, h('bdi', {}, text));
  };

  /** Shows `report`, asked for with the API query `query` (the CSV link asks the same). */
  const show = (report: QualityReport, query: string) => {
    last = { report, query };
    const language = currentLanguage();
    const calibration = report.by === 'call';
    element.removeAttribute('aria-busy');
    setData(element, 'by', report.by);
    setText(title, calibration ? t('quality.calibration') : t('quality.report_by', { by: t(kKeyHeaders[report.by]) }));
    setText(note, calibration ? t('quality.calibration_note') : '');
    note.hidden = !calibration;
    setText(summary, t('quality.evaluation_count', { count: formatInteger(report.evaluations, language) }));
    setData(summary, 'evaluations', String(report.evaluations));
    csv.setAttribute('href', qualityReportCsvUrl(query));
    xlsx.setAttribute('href', qualityReportXlsxUrl(query));
    const spreadHeader = calibration ? msg('quality.disagreement') : msg('quality.spread');
    head.replaceChildren(
      h('th', { scope: 'col' }, t(kKeyHeaders[report.by])),
      ...kFigureHeaders.map((key) => h('th', { scope: 'col' }, t(key === msg('quality.spread') ? spreadHeader : key))),
    );
    rows.replaceChildren(
      ...report.rows.map((row) =>
        h('tr', { 'data-key': row.key }, keyCell(report.by, row.key), ...figures(row, language).map((text) => h('td', { class: 'num' }, text))),
      ),
    );
    scroll.hidden = report.rows.length === 0;
    setText(status, report.rows.length === 0 ? t('quality.none') : '');
    void chart.show(report, (key) => handlers.label(report.by, key));
  };

  return {
    element,
    loading() {
      element.setAttribute('aria-busy', 'true');
      setText(status, t('recordings.searching'));
    },
    failed(text: string) {
      last = null;
      element.removeAttribute('aria-busy');
      setText(status, text);
      rows.replaceChildren();
      scroll.hidden = true;
      chart.element.hidden = true;
    },
    show,
    /** Writes the report again (the agents' and scorecards' names have arrived). */
    relabel() {
      if (last && !element.hasAttribute('aria-busy')) {
        show(last.report, last.query);
      }
    },
    dispose: chart.dispose,
  };
}
