import type { MountPage } from '../app_context';
import type { Scorecard } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { scorecardBuilder } from './scorecard_builder';
import { draftFromScorecard, newDraft, questionCount } from './scorecard_draft';

const kColumns = [
  msg('scorecards.name'),
  msg('scorecards.id'),
  msg('scorecards.version'),
  msg('scorecards.pass_mark'),
  msg('scorecards.questions'),
  msg('console.actions'),
];

/** The Scorecards page (managers and QA analysts): the scorecards calls are scored on, a
 *  builder to make a new one or the next version of one, and Retire (no new evaluations on
 *  it; those made keep it). */
export const mountScorecards: MountPage = (root, context) => {
  const language = currentLanguage();
  let gone = false;
  const rows = h('tbody', { 'data-testid': 'scorecards' });
  const status = h('p', { class: 'results-status', role: 'status', 'data-testid': 'scorecards-status' });
  const saved = h('p', { class: 'saved-note', role: 'status', 'data-testid': 'scorecard-saved' });
  const builderSlot = h('div', {});
  const create = h('button', { type: 'button', class: 'primary', 'data-action': 'new-scorecard' }, t('scorecards.new'));

  const load = () =>
    context.api
      .scorecards()
      .then(({ scorecards }) => !gone && show(scorecards))
      .catch((error: unknown) => !gone && setText(status, errorText(error)));

  const closeBuilder = () => builderSlot.replaceChildren();
  const openBuilder = (card: Scorecard | null) => {
    setText(saved, '');
    const draft = card ? draftFromScorecard(card) : newDraft();
    builderSlot.replaceChildren(
      scorecardBuilder(draft, {
        save: (_, body) =>
          (draft.version === null ? context.api.createScorecard(body) : context.api.reviseScorecard(draft.id, body)).then((r) => r.scorecard),
        onSaved: (made) => {
          closeBuilder();
          setText(saved, t('scorecards.saved', { name: made.name, version: formatInteger(made.version, language) }));
          saved.dataset.scorecard = made.id;
          saved.dataset.version = String(made.version);
          void load();
        },
        onClose: closeBuilder,
      }),
    );
    builderSlot.scrollIntoView({ block: 'nearest' });
  };
  create.addEventListener('click', () => openBuilder(null));

  const retire = (card: Scorecard) => {
    if (!window.confirm(t('scorecards.confirm_retire', { name: card.name }))) {
      return;
    }
    context.api
      .retireScorecard(card.id)
      .then(() => {
        context.notice.show(t('scorecards.retired', { name: card.name }), 'info');
        void load();
      })
      .catch((error: unknown) => context.notice.show(errorText(error)));
  };

  const row = (card: Scorecard) =>
    h(
      'tr',
      { 'data-scorecard': card.id, 'data-version': String(card.version) },
      h('td', {}, h('bdi', {}, card.name)),
      h('td', {}, h('bdi', { dir: 'ltr' }, card.id)),
      h('td', { class: 'num' }, formatInteger(card.version, language)),
      h('td', { class: 'num' }, t('scorecards.percent', { value: formatInteger(card.pass_mark, language) })),
      h('td', { class: 'num' }, formatInteger(questionCount(card), language)),
      h(
        'td',
        {},
        h(
          'div',
          { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'edit-scorecard', onclick: () => openBuilder(card) }, t('scorecards.edit')),
          h('button', { type: 'button', class: 'danger', 'data-action': 'retire-scorecard', onclick: () => retire(card) }, t('scorecards.retire')),
        ),
      ),
    );

  const show = (cards: Scorecard[]) => {
    rows.replaceChildren(...cards.map(row));
    setText(status, cards.length === 0 ? t('scorecards.none') : '');
  };

  root.append(
    h('h1', { class: 'page-title' }, t('page.scorecards')),
    h(
      'section',
      { class: 'panel scorecards-list', 'aria-label': t('page.scorecards') },
      h('div', { class: 'results-head' }, h('h2', {}, t('scorecards.list')), h('span', { class: 'pager' }, create)),
      saved,
      status,
      h('div', { class: 'table-scroll' }, h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows)),
    ),
    builderSlot,
  );
  void load();
  return () => {
    gone = true;
  };
};
