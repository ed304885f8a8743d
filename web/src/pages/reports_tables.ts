import type { Figures } from '../api/types';
import { currentLanguage, t } from '../i18n/i18n';
import { h, type Child } from '../ui/dom';
import { kReportFigureHeaders, reportFigures } from './report_figures';

/** One row of a report's table: what it is (a period, a queue, an agent), its figures, and
 *  optionally a last cell (a link to its calls). */
export interface FiguresRow {
  /** data-key of the row: the period's label, the queue's or the agent's id. */
  key: string;
  head: Child;
  figures: Figures;
  tail?: Child;
}

/** A link within the site: a real address (a new tab, a copied link), followed within the
 *  page on a plain click. */
export function pageLink(href: string, action: string, text: Child, go: () => void, title?: string): HTMLAnchorElement {
  const onclick = (event: Event) => {
    const mouse = event as MouseEvent;
    if (mouse.ctrlKey || mouse.metaKey || mouse.shiftKey || mouse.button > 0) {
      return;
    }
    event.preventDefault();
    go();
  };
  return h('a', { href, 'data-action': action, title, onclick }, text);
}

/** A table of figures: a row per period, queue or agent with the report's columns
 *  (report_figures.ts), and the total under them when there is one. */
export function figuresTable(testId: string) {
  const head = h('tr', {});
  const rows = h('tbody', { 'data-testid': `${testId}-rows` });
  const foot = h('tfoot', {});
  const table = h('table', { class: 'table records-table report-table', 'data-testid': testId }, h('thead', {}, head), rows, foot);
  const element = h('div', { class: 'table-scroll' }, table);

  return {
    element,
    /** `keyHeader` names the first column; `tailHeader` a last one, when rows have a tail. */
    show(keyHeader: string, list: readonly FiguresRow[], total: Figures | null, tailHeader: string | null = null) {
      const language = currentLanguage();
      const cells = (figures: Figures) => reportFigures(figures, language).map((text) => h('td', { class: 'num' }, text));
      head.replaceChildren(
        h('th', { scope: 'col' }, keyHeader),
        ...kReportFigureHeaders.map((key) => h('th', { scope: 'col' }, t(key))),
        ...(tailHeader === null ? [] : [h('th', { scope: 'col' }, tailHeader)]),
      );
      rows.replaceChildren(
        ...list.map((row) =>
          h('tr', { 'data-key': row.key }, h('th', { scope: 'row' }, row.head), ...cells(row.figures), tailHeader === null ? null : h('td', {}, row.tail ?? null)),
        ),
      );
      foot.replaceChildren(
        ...(total === null
          ? []
          : [h('tr', { 'data-key': 'total' }, h('th', { scope: 'row' }, t('reports.total')), ...cells(total), tailHeader === null ? null : h('td', {}))]),
      );
      element.hidden = list.length === 0;
    },
  };
}
