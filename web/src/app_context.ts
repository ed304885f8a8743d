import type { Api } from './api/endpoints';
import type { Language, User } from './api/types';
import type { LiveStore } from './live/live_store';
import type { Notice } from './ui/notice';

/** What a page gets from the app once someone is logged in. */
export interface AppContext {
  user: User;
  api: Api;
  live: LiveStore;
  /** Configured pause reasons, in configured order (GET /api/v1/pause-reasons). */
  pauseReasons: string[];
  notice: Notice;
  navigate(path: string): void;
  changeLanguage(language: Language): Promise<void>;
  logout(): Promise<void>;
}

/** Builds a page into `root` and returns the function that takes it down (timers,
 *  subscriptions). */
export type MountPage = (root: HTMLElement, context: AppContext) => () => void;
