import type { Api } from '../api/endpoints';
import type { ReportSchedule, ReportSend } from '../api/types';
import { formatInteger, kNoData } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setData, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { isolated } from './report_figures';
import { instantText, nextTryText, sendRangeText, sendStatusText, sendTone } from './schedule_text';

/** How often an open history is read again while one of its sends is pending: a send is
 *  made and mailed within seconds, and a failed try is tried again after minutes. */
export const kSendsPollMs = 5_000;

const kColumns = [
  msg('schedules.due'),
  msg('schedules.range'),
  msg('schedules.status'),
  msg('schedules.attempts'),
  msg('schedules.next_try'),
  msg('schedules.sent_at'),
  msg('schedules.last_error'),
  msg('console.actions'),
];

export interface SendsHandlers {
  api: Pick<Api, 'reportSends' | 'retryReportSend'>;
  /** A send was retried, or one changed since the history was last read: the list's "Last
   *  send" changes. */
  onChanged(): void;
  /** A retry was refused (409: the send is no longer failed). */
  onError(error: unknown): void;
}

/** `sends` with `send` in the place of the one of the same id, or first when it is new (the
 *  answer to Send now or Retry, shown before the history is read again). */
export function withSend(sends: readonly ReportSend[], send: ReportSend): ReportSend[] {
  return sends.some((s) => s.id === send.id) ? sends.map((s) => (s.id === send.id ? send : s)) : [send, ...sends];
}

/** How far a history's sends have got, to tell whether a new reading changed any. */
function progress(sends: readonly ReportSend[]): string {
  return sends.map((send) => `${send.id}:${send.status}:${send.attempts}`).join(' ');
}

/** One schedule's send history (GET /api/v1/report-sends), the latest first: when each was
 *  due, the range it reports, its status, tries, next try, when it went out and why the last
 *  try failed; Retry for a send that gave up. Read again every few seconds while a send is
 *  pending, so a Send now is seen going out (or failing). */
export function scheduleSends(handlers: SendsHandlers) {
  const title = h('h3', { id: 'schedule-sends-title', 'data-testid': 'schedule-sends-title' });
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'schedule-sends-status' });
  const rows = h('tbody', { 'data-testid': 'schedule-sends-rows' });
  const table = h('table', { class: 'table records-table', 'data-testid': 'schedule-sends' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const refresh = h('button', { type: 'button', 'data-action': 'refresh-sends' }, t('schedules.refresh'));
  const close = h('button', { type: 'button', 'data-action': 'close-sends' }, t('scorecards.close'));
  const element = h(
    'section',
    { class: 'schedule-sends', 'data-testid': 'schedule-sends-part', 'aria-labelledby': 'schedule-sends-title', hidden: true },
    h('div', { class: 'results-head' }, title, h('span', { class: 'pager' }, refresh, close)),
    status,
    h('div', { class: 'table-scroll' }, table),
  );
  let shown: ReportSchedule | null = null;
  let sends: ReportSend[] = [];
  /** The history shown has been read once (until then it is not "no sends"). */
  let loaded = false;
  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopPolling = () => {
    clearTimeout(timer);
    timer = undefined;
  };

  const row = (send: ReportSend) => {
    const language = currentLanguage();
    const retry =
      send.status === 'failed'
        ? h('button', { type: 'button', 'data-action': 'retry-send', onclick: (event: Event) => retryOne(send, event.currentTarget as HTMLButtonElement) }, t('schedules.retry'))
        : null;
    return h(
      'tr',
      { 'data-send': String(send.id), 'data-status': send.status, 'data-attempts': String(send.attempts) },
      h('td', { class: 'num' }, instantText(send.due_ms, language)),
      h('td', { class: 'num' }, sendRangeText(send, language)),
      h('td', { 'data-testid': 'send-status', 'data-tone': sendTone(send) }, sendStatusText(send, language)),
      h('td', { class: 'num', 'data-testid': 'send-attempts' }, formatInteger(send.attempts, language)),
      h('td', { class: 'num' }, nextTryText(send, language)),
      h('td', { class: 'num' }, instantText(send.sent_at_ms, language)),
      // The server's words (English): kept left to right inside a right-to-left page.
      h('td', { class: 'send-error', 'data-testid': 'send-error' }, send.last_error ? h('bdi', { dir: 'ltr' }, send.last_error) : kNoData),
      h('td', {}, h('div', { class: 'actions' }, retry)),
    );
  };

  const draw = () => {
    rows.replaceChildren(...sends.map(row));
    table.hidden = sends.length === 0;
    setText(status, sends.length > 0 ? '' : loaded ? t('schedules.no_sends') : t('schedules.loading'));
  };

  /** Reads the history of the schedule shown; again in a few seconds while a send waits. */
  const load = async () => {
    const schedule = shown;
    if (!schedule) {
      return;
    }
    stopPolling();
    const mine = ++latest;
    element.setAttribute('aria-busy', 'true');
    try {
      const answer = await handlers.api.reportSends(schedule.id);
      if (mine !== latest || shown?.id !== schedule.id) {
        return;
      }
      const changed = loaded && progress(answer.sends) !== progress(sends);
      sends = answer.sends;
      loaded = true;
      draw();
      if (changed) {
        handlers.onChanged();
      }
      if (sends.some((send) => send.status === 'pending')) {
        timer = setTimeout(() => void load(), kSendsPollMs);
      }
    } catch (error) {
      if (mine === latest && shown?.id === schedule.id) {
        setText(status, errorText(error));
      }
    } finally {
      if (mine === latest) {
        element.removeAttribute('aria-busy');
      }
    }
  };

  const retryOne = (send: ReportSend, button: HTMLButtonElement) => {
    button.disabled = true;
    handlers.api
      .retryReportSend(send.id)
      .then(({ send: updated }) => {
        if (shown?.id === updated.schedule_id) {
          sends = withSend(sends, updated);
          draw();
          void load();
        }
        handlers.onChanged();
      })
      // 409: it is no longer failed (someone retried it first); the history read again says
      // how it is.
      .catch((error: unknown) => {
        button.disabled = false;
        handlers.onError(error);
        void load();
      });
  };

  const hide = () => {
    stopPolling();
    latest += 1;
    shown = null;
    sends = [];
    element.hidden = true;
    element.removeAttribute('aria-busy');
    delete element.dataset.schedule;
  };
  const retitle = (schedule: ReportSchedule) => {
    shown = schedule;
    setText(title, t('schedules.sends_of', { name: isolated(schedule.name, currentLanguage()) }));
  };
  refresh.addEventListener('click', () => void load());
  close.addEventListener('click', hide);

  return {
    element,
    /** The schedule whose history is open, or null. */
    shown: () => shown,
    /** Opens `schedule`'s history; `send` (Send now's answer) is shown at once, before the
     *  history is read. */
    open(schedule: ReportSchedule, send: ReportSend | null = null) {
      if (shown?.id !== schedule.id) {
        sends = [];
        loaded = false;
      }
      retitle(schedule);
      element.hidden = false;
      setData(element, 'schedule', String(schedule.id));
      if (send) {
        sends = withSend(sends, send);
      }
      draw();
      void load();
    },
    /** The list was read again: the open history keeps up with its schedule's new name, or
     *  closes when it is gone. */
    listed(schedules: readonly ReportSchedule[]) {
      const open = shown && schedules.find((schedule) => schedule.id === shown?.id);
      if (open) {
        retitle(open);
      } else if (shown) {
        hide();
      }
    },
    close: hide,
    dispose: hide,
  };
}
