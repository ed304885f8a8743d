import type { AppContext } from '../app_context';
import { pagesFor, type Page } from '../auth/pages';
import { formatDate } from '../format/dates';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';
import type { LinkStatus } from '../live/live_socket';
import { h, setData } from './dom';
import { languageSelect } from './language_select';

export const kPageTitles: Record<Page, MessageKey> = {
  wallboard: msg('page.wallboard'),
  desk: msg('page.desk'),
  console: msg('page.console'),
  alerts: msg('alerts.title'),
  reports: msg('page.reports'),
  attendance: msg('page.attendance'),
  recordings: msg('page.recordings'),
  quality: msg('page.quality'),
  scorecards: msg('page.scorecards'),
};

const kLinkStatus: Record<LinkStatus, MessageKey> = {
  connecting: msg('live.connecting'),
  open: msg('live.open'),
  closed: msg('live.closed'),
};

/** The bar on top of every page behind the login: the pages this role may open, today's date
 *  (Jalali in Persian), whether live updates flow, the language, and logout. */
export function buildNav(context: AppContext, current: Page | null): { element: HTMLElement; dispose: () => void } {
  const links = pagesFor(context.user).map((page) =>
    h(
      'a',
      {
        href: `/${page}`,
        'data-page': page,
        'aria-current': page === current ? 'page' : undefined,
        onclick: (event: Event) => {
          event.preventDefault();
          context.navigate(`/${page}`);
        },
      },
      t(kPageTitles[page]),
    ),
  );
  const live = h('span', { class: 'link-status', 'data-testid': 'link-status' });
  const showStatus = (status: LinkStatus) => {
    setData(live, 'status', status);
    live.textContent = t(kLinkStatus[status]);
  };
  showStatus(context.live.linkStatus());
  const unsubscribe = context.live.onStatus(showStatus);

  const element = h(
    'header',
    { class: 'top-bar' },
    h('span', { class: 'brand' }, t('app.name')),
    h('nav', { 'aria-label': t('nav.pages') }, ...links),
    h('span', { class: 'spacer' }),
    h('time', { 'data-testid': 'today-date', class: 'today' }, formatDate(Date.now(), currentLanguage())),
    live,
    languageSelect((language) => void context.changeLanguage(language)),
    h('span', { class: 'user', 'data-testid': 'user-name' }, context.user.display_name || context.user.username),
    h('button', { type: 'button', class: 'logout', 'data-testid': 'logout', onclick: () => void context.logout() }, t('nav.logout')),
  );
  return { element, dispose: unsubscribe };
}
