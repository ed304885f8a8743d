import { attendanceDownloadUrl } from '../api/endpoints';
import type { AttendanceDay, AttendanceReport } from '../api/types';
import { centreClock, type CentreClock } from '../format/centre_clock';
import { localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setData, setText } from '../ui/dom';
import {
  agentTotals,
  attendanceCells,
  byAgent,
  dayMarks,
  kAttendanceColumns,
  totalCells,
  type AttendanceCell,
  type CellContext,
} from './attendance_cells';
import type { AttendanceSearch } from './attendance_query';
import { isolated } from './report_figures';

export interface AttendanceViewHandlers {
  /** An agent's name where the page knows it, else their id. */
  agentName(id: string): string;
  /** A pause reason's name in the reader's language. */
  reasonLabel(reason: string): string;
  /** The reader may correct this agent's days (a Correct button on each). */
  correctable(agent: string): boolean;
  /** "Correct" on a day was pressed. */
  onCorrect(day: AttendanceDay, clock: CentreClock): void;
}

/** A cell of the table: the agent as the row's head, the rest as data; a second small line,
 *  a tooltip and a button (Correct) where the cell has them. */
function cellElement(cell: AttendanceCell, button: HTMLButtonElement | null = null): HTMLTableCellElement {
  const note = cell.note ? h('small', { class: 'cell-note' }, cell.note) : null;
  if (cell.column === 'agent') {
    return h('th', { scope: 'row', 'data-column': cell.column }, h('bdi', {}, cell.text));
  }
  return h(
    'td',
    { class: cell.num ? 'num' : undefined, 'data-column': cell.column, 'data-tone': cell.tone || undefined, title: cell.title || undefined },
    h('span', { class: 'cell-text' }, cell.text),
    note,
    button,
  );
}

/** The days asked for: whose they are and their span, the CSV and Excel downloads of the same
 *  query, and a table of each agent's days (late and absent days marked) with the agent's
 *  totals under them; for managers and supervisors a Correct button in each day's last cell
 *  (whether and how it was corrected) and, above the table, the place its form opens in. */
export function attendanceView(handlers: AttendanceViewHandlers) {
  const title = h('h2', { id: 'attendance-title', 'data-testid': 'attendance-title' });
  const summary = h('span', { class: 'page-range', 'data-testid': 'attendance-summary' });
  const csv = h('a', { class: 'button', 'data-testid': 'attendance-csv', download: '' }, t('quality.download_csv'));
  const xlsx = h('a', { class: 'button', 'data-testid': 'attendance-xlsx', download: '' }, t('quality.download_xlsx'));
  const downloads = h('span', { class: 'pager' }, csv, xlsx);
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'attendance-status' });
  const zone = h('p', { class: 'hint', 'data-testid': 'attendance-zone' });
  const savedNote = h('p', { class: 'saved-note', role: 'status', 'data-testid': 'correction-saved' });
  const formSlot = h('div', { class: 'correction-form-slot' });
  const head = h('tr', {});
  const table = h('table', { class: 'table records-table attendance-table', 'data-testid': 'attendance-days' }, h('thead', {}, head));
  const scroll = h('div', { class: 'table-scroll' }, table);
  const element = h(
    'section',
    { class: 'panel attendance-report', 'data-testid': 'attendance-report', 'aria-labelledby': 'attendance-title' },
    h('div', { class: 'results-head' }, title, summary, downloads),
    zone,
    status,
    savedNote,
    formSlot,
    scroll,
  );
  let last: { report: AttendanceReport; query: string; search: AttendanceSearch } | null = null;

  const titleOf = ({ queue, agent }: AttendanceSearch) => {
    const language = currentLanguage();
    if (agent) {
      return t('reports.title_agent', { agent: isolated(handlers.agentName(agent), language) });
    }
    return queue ? t('reports.title_queue', { queue: isolated(queue, language) }) : t('attendance.all_agents');
  };

  const dayRow = (day: AttendanceDay, context: CellContext) => {
    const marks = dayMarks(day);
    const button = handlers.correctable(day.agent)
      ? h('button', { type: 'button', 'data-action': 'correct-day', onclick: () => handlers.onCorrect(day, context.clock) }, t('attendance.correct'))
      : null;
    return h(
      'tr',
      { 'data-agent': day.agent, 'data-key': day.day, 'data-late': String(marks.late), 'data-absent': String(marks.absent), 'data-corrected': String(marks.corrected) },
      ...attendanceCells(day, context).map((cell) => cellElement(cell, cell.column === 'corrected' ? button : null)),
    );
  };

  /** Shows `report`, asked for with the API query `query` (the downloads ask the same). */
  const show = (report: AttendanceReport, query: string, search: AttendanceSearch) => {
    last = { report, query, search };
    const language = currentLanguage();
    element.removeAttribute('aria-busy');
    setData(element, 'agent', search.agent);
    setData(element, 'queue', search.queue);
    setText(title, titleOf(search));
    const labels = report.days.map((day) => day.day).sort();
    const [first, final] = [labels[0], labels[labels.length - 1]];
    const range = first && final ? { first: isolated(localizeDigits(first, language), language), last: isolated(localizeDigits(final, language), language) } : null;
    setText(summary, range ? (first === final ? range.first : t('reports.range', range)) : '');
    downloads.hidden = false;
    csv.setAttribute('href', attendanceDownloadUrl(query, 'csv'));
    xlsx.setAttribute('href', attendanceDownloadUrl(query, 'xlsx'));
    setText(zone, report.time_zone ? t('attendance.zone_hint', { zone: isolated(report.time_zone, language) }) : '');
    zone.hidden = !report.time_zone;
    setText(status, report.days.length === 0 ? t('attendance.none') : '');

    const clock = centreClock(report.time_zone, report.days[0]?.from_ms ?? report.from_ms);
    const context: CellContext = { language, clock, nowMs: Date.now(), agentName: handlers.agentName, reasonLabel: handlers.reasonLabel };
    head.replaceChildren(...kAttendanceColumns.map(({ column, header }) => h('th', { scope: 'col', 'data-column': column }, t(header))));
    const bodies = byAgent(report.days).map(({ agent, days }) =>
      h(
        'tbody',
        { 'data-agent': agent },
        ...days.map((day) => dayRow(day, context)),
        days.length > 1
          ? h(
              'tr',
              { class: 'attendance-total', 'data-agent': agent, 'data-key': 'total' },
              ...totalCells(agentTotals(agent, days), context).map((cell) => cellElement(cell)),
            )
          : null,
      ),
    );
    table.replaceChildren(table.tHead!, ...bodies);
    scroll.hidden = report.days.length === 0;
  };

  const hideAll = () => {
    downloads.hidden = true;
    scroll.hidden = true;
    zone.hidden = true;
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
      setText(status, text);
      hideAll();
    },
    show,
    /** Writes the days again (the agents' names have arrived). */
    relabel() {
      if (last && !element.hasAttribute('aria-busy')) {
        show(last.report, last.query, last.search);
      }
    },
    /** Puts the correction form above the table (null: takes it away). */
    showForm(form: HTMLElement | null) {
      formSlot.replaceChildren(...(form ? [form] : []));
      if (form) {
        setText(savedNote, '');
        form.scrollIntoView({ block: 'nearest' });
      }
    },
    /** Says a correction was saved. */
    saved(text: string) {
      setText(savedNote, text);
    },
  };
}
