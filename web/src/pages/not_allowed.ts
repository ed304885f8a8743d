import type { AppContext } from '../app_context';
import { homePage, type Page } from '../auth/pages';
import { t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { kPageTitles } from '../ui/nav';

/** Shown instead of a page the user's role may not open (the server refuses its data too). */
export function mountNotAllowed(root: HTMLElement, context: AppContext, page: Page): () => void {
  const home = homePage(context.user);
  root.append(
    h(
      'section',
      { class: 'panel message-page', 'data-testid': 'not-allowed' },
      h('h1', {}, t('not_allowed.title')),
      h('p', {}, t('not_allowed.body', { page: t(kPageTitles[page]) })),
      h('a', { href: `/${home}`, onclick: (event: Event) => { event.preventDefault(); context.navigate(`/${home}`); } }, t('not_allowed.go_home', { page: t(kPageTitles[home]) })),
    ),
  );
  return () => undefined;
}

export function mountNotFound(root: HTMLElement, context: AppContext): () => void {
  const home = homePage(context.user);
  root.append(
    h(
      'section',
      { class: 'panel message-page', 'data-testid': 'not-found' },
      h('h1', {}, t('not_found.title')),
      h('a', { href: `/${home}`, onclick: (event: Event) => { event.preventDefault(); context.navigate(`/${home}`); } }, t('not_allowed.go_home', { page: t(kPageTitles[home]) })),
    ),
  );
  return () => undefined;
}
