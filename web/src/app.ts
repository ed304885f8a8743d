import type { AppContext, MountPage } from './app_context';
import { ApiError } from './api/api_error';
import type { Api } from './api/endpoints';
import type { Language, User } from './api/types';
import { canOpen, homePage, routeFor, type Page } from './auth/pages';
import { applyDocumentLanguage, currentLanguage, setLanguage, t } from './i18n/i18n';
import { eventsUrl, openLiveSocket } from './live/live_socket';
import { LiveStore } from './live/live_store';
import { mountAlerts } from './pages/alerts';
import { mountAttendance } from './pages/attendance';
import { mountConsole } from './pages/console';
import { mountDesk } from './pages/desk';
import { mountLogin } from './pages/login';
import { mountQuality } from './pages/quality';
import { mountNotAllowed, mountNotFound } from './pages/not_allowed';
import { mountRecordings } from './pages/recordings';
import { mountReports } from './pages/reports';
import { mountScorecards } from './pages/scorecards';
import { mountWallboard } from './pages/wallboard';
import { h } from './ui/dom';
import { errorText } from './ui/labels';
import { buildNav } from './ui/nav';
import { Notice } from './ui/notice';

const kPageMounts: Record<Page, MountPage> = {
  wallboard: mountWallboard,
  desk: mountDesk,
  console: mountConsole,
  alerts: mountAlerts,
  reports: mountReports,
  attendance: mountAttendance,
  recordings: mountRecordings,
  quality: mountQuality,
  scorecards: mountScorecards,
};

/** This browser's last language, for the login page before we know the user. */
export const kLanguageStorageKey = 'markaz.language';

/** The single-page app: who is logged in, which page is mounted, the live feed, the language.
 *  The server serves index.html for every path outside the API (docs/api.md "The web
 *  pages"): /login, /wallboard, /desk, /console, /alerts, /reports, /attendance, /recordings,
 *  /quality, /scorecards; this class picks the view from the path. */
export class App {
  private user: User | null = null;
  private live = new LiveStore();
  private pauseReasons: string[] = [];
  private unmount: () => void = () => undefined;
  private readonly notice = new Notice();

  constructor(
    private readonly root: HTMLElement,
    private readonly api: Api,
  ) {
    window.addEventListener('popstate', () => this.show());
  }

  async start(): Promise<void> {
    try {
      const { user } = await this.api.me();
      await this.begin(user);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) {
        this.notice.show(t('error.unexpected'));
      }
    }
    this.show();
  }

  navigate(path: string, replace = false): void {
    if (path !== location.pathname + location.search) {
      history[replace ? 'replaceState' : 'pushState'](null, '', path);
    }
    this.show();
  }

  applyLanguage(language: Language): void {
    setLanguage(language);
    applyDocumentLanguage(document.documentElement, language);
    document.title = t('app.name');
    localStorage.setItem(kLanguageStorageKey, language);
  }

  /** After login (or a page load with a live session): the user's language, the live feed and
   *  the pause reasons. */
  private async begin(user: User): Promise<void> {
    this.user = user;
    this.applyLanguage(user.language);
    this.live.close();
    this.live = new LiveStore();
    const store = this.live;
    store.attach(
      openLiveSocket(eventsUrl(location), {
        onMessage: (message) => store.receive(message, Date.now()),
        onStatus: (status) => store.setStatus(status),
        onSessionEnded: () => this.end(),
      }),
    );
    this.pauseReasons = (await this.api.pauseReasons().catch(() => ({ pause_reasons: [] }))).pause_reasons;
  }

  private end(): void {
    this.user = null;
    this.live.close();
    this.navigate('/login', true);
  }

  private context(user: User): AppContext {
    return {
      user,
      api: this.api,
      live: this.live,
      pauseReasons: this.pauseReasons,
      notice: this.notice,
      navigate: (path) => this.navigate(path),
      changeLanguage: async (language) => {
        try {
          const { user: updated } = await this.api.setLanguage(language);
          this.user = updated;
          this.applyLanguage(updated.language);
          this.show();
        } catch (error) {
          this.notice.show(errorText(error));
        }
      },
      logout: async () => {
        await this.api.logout().catch(() => undefined);
        this.end();
      },
    };
  }

  /** Mounts the view for the current path, taking down the previous one. */
  show(): void {
    this.unmount();
    this.root.replaceChildren();
    const route = routeFor(location.pathname, location.search);
    const user = this.user;
    if (route.kind === 'login' || !user) {
      if (user) {
        this.navigate(route.kind === 'login' && route.next ? route.next : `/${homePage(user)}`, true);
        return;
      }
      if (route.kind !== 'login') {
        // With its query: a link to a search or a call on the Recordings page survives the login.
        const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
        history.replaceState(null, '', `/login${next}`);
      }
      this.unmount = mountLogin(this.root, {
        api: this.api,
        onLoggedIn: (loggedIn) => void this.begin(loggedIn).then(() => this.show()),
        onLanguage: (language) => {
          this.applyLanguage(language);
          this.show();
        },
      });
      return;
    }
    if (route.kind === 'home') {
      this.navigate(`/${homePage(user)}`, true);
      return;
    }
    this.mountWithNav(user, route.kind === 'page' ? route.page : null, (main, context) => {
      if (route.kind !== 'page') {
        return mountNotFound(main, context);
      }
      return canOpen(user, route.page) ? kPageMounts[route.page](main, context) : mountNotAllowed(main, context, route.page);
    });
  }

  private mountWithNav(user: User, page: Page | null, mount: (main: HTMLElement, context: AppContext) => () => void): void {
    const context = this.context(user);
    const nav = buildNav(context, page);
    const main = h('main', { class: `page page-${page ?? 'other'}`, 'data-page': page ?? '', 'data-language': currentLanguage() });
    this.root.append(nav.element, main, this.notice.element);
    const unmountPage = mount(main, context);
    this.unmount = () => {
      unmountPage();
      nav.dispose();
    };
  }
}
