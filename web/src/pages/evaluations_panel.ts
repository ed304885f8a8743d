import type { AppContext } from '../app_context';
import { evaluationsQuery } from '../api/endpoints';
import type { CallRecord, Evaluation, EvaluationWithScorecard, Scorecard } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { answersDispute, canEvaluate, continuesDraft } from './evaluation_answers';
import { evaluationForm } from './evaluation_form';
import { evaluationStateLabel, formatScore, outcomeLabel, outcomeOf } from './evaluation_labels';
import { resolveControl } from './evaluation_resolve';
import { evaluationView } from './evaluation_view';
import type { AudioPlayer } from './recording_player';

const kColumns = [
  msg('evaluation.evaluator'),
  msg('call.agent'),
  msg('evaluation.scorecard'),
  msg('evaluation.score'),
  msg('evaluation.result'),
  msg('evaluation.state'),
  msg('console.actions'),
];

/** The Recordings page's Evaluations panel for the call in the player: the call's evaluations
 *  with their scores and states; Evaluate (managers, QA, supervisors) → a scorecard → the
 *  form; an evaluator's own draft opens in the form again, a disputed one with the answer to
 *  give, any other read as the agent reads it. */
export function evaluationsPanel(context: AppContext, player: AudioPlayer, agentName: (id: string) => string) {
  const rows = h('tbody', { 'data-testid': 'call-evaluations' });
  const status = h('p', { class: 'results-status', role: 'status' });
  const table = h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const evaluate = h('button', { type: 'button', class: 'primary', 'data-action': 'evaluate' }, t('evaluation.evaluate'));
  const scorecards = h('select', { 'data-testid': 'scorecard-choice', 'aria-label': t('evaluation.choose_scorecard') });
  const start = h('button', { type: 'button', class: 'primary', 'data-action': 'start-evaluation' }, t('evaluation.start'));
  const picker = h('div', { class: 'form-actions scorecard-picker', hidden: true }, scorecards, start);
  const work = h('div', { class: 'evaluation-work' });
  const element = h(
    'section',
    { class: 'panel evaluations-panel', 'data-testid': 'evaluations-panel', hidden: true, 'aria-label': t('evaluation.title') },
    h('div', { class: 'results-head' }, h('h2', {}, t('evaluation.title')), h('span', { class: 'pager' }, canEvaluate(context.user.role) ? evaluate : null)),
    status,
    h('div', { class: 'table-scroll' }, table),
    picker,
    work,
  );
  let record: CallRecord | null = null;
  let cards: Scorecard[] = [];
  let letGo: () => void = () => undefined;
  const clearWork = () => {
    letGo();
    letGo = () => undefined;
    work.replaceChildren();
  };

  const load = () => {
    const call = record?.id;
    if (!call) {
      return;
    }
    context.api
      .evaluations(evaluationsQuery({ call }))
      .then(({ evaluations }) => {
        if (record?.id === call) {
          rows.replaceChildren(...evaluations.map(row));
          table.hidden = evaluations.length === 0;
          setText(status, evaluations.length === 0 ? t('evaluation.none_for_call') : '');
        }
      })
      .catch((error: unknown) => setText(status, errorText(error)));
  };

  const openForm = (card: Scorecard, draft: Evaluation | null) => {
    if (!record) {
      return;
    }
    clearWork();
    picker.hidden = true;
    const form = evaluationForm({
      api: context.api,
      record,
      card,
      draft,
      player,
      agentName,
      onSaved: (saved) => {
        load();
        if (saved.evaluation.state !== 'draft') {
          // Submitted: it is the agent's to read now and no longer changes.
          showEvaluation(saved, t('evaluation.submitted'));
        }
      },
    });
    letGo = form.dispose;
    work.replaceChildren(form.element);
  };

  const showEvaluation = ({ evaluation, scorecard }: EvaluationWithScorecard, note = '') => {
    clearWork();
    const resolved = (answered: EvaluationWithScorecard) => {
      load();
      showEvaluation(answered, t('evaluation.resolved'));
    };
    work.replaceChildren(
      h('p', { class: 'saved-note', 'data-testid': 'evaluation-note' }, note),
      evaluationView(evaluation, scorecard, (atMs) => player.seekMs(atMs)),
      ...(answersDispute(evaluation, context.user.role) ? [resolveControl(context.api, evaluation.id, resolved)] : []),
    );
  };

  const open = (id: number) =>
    context.api
      .evaluation(id)
      .then((found) => (continuesDraft(found.evaluation, context.user.username) ? openForm(found.scorecard, found.evaluation) : showEvaluation(found)))
      .catch((error: unknown) => context.notice.show(errorText(error)));

  function row(evaluation: Evaluation): HTMLElement {
    const language = currentLanguage();
    const action = continuesDraft(evaluation, context.user.username)
      ? t('evaluation.continue')
      : answersDispute(evaluation, context.user.role)
        ? t('evaluation.answer_dispute')
        : t('evaluation.open');
    return h(
      'tr',
      { 'data-evaluation': String(evaluation.id), 'data-state': evaluation.state },
      h('td', {}, h('bdi', {}, evaluation.evaluator)),
      h('td', {}, agentName(evaluation.agent)),
      h('td', {}, h('bdi', { dir: 'ltr' }, evaluation.scorecard), ' ', t('evaluation.version', { version: formatInteger(evaluation.scorecard_version, language) })),
      h('td', { class: 'num' }, formatScore(evaluation.score, language)),
      h('td', { 'data-outcome': outcomeOf(evaluation) }, outcomeLabel(outcomeOf(evaluation))),
      h('td', {}, evaluationStateLabel(evaluation.state)),
      h('td', {}, h('button', { type: 'button', 'data-action': 'open-evaluation', onclick: () => void open(evaluation.id) }, action)),
    );
  }

  evaluate.addEventListener('click', () => {
    clearWork();
    context.api
      .scorecards()
      .then(({ scorecards: found }) => {
        cards = found;
        scorecards.replaceChildren(
          h('option', { value: '' }, t('evaluation.choose_scorecard')),
          ...cards.map((card) => h('option', { value: card.id }, t('evaluation.scorecard_version', { name: card.name, version: formatInteger(card.version, currentLanguage()) }))),
        );
        picker.hidden = false;
        setText(status, cards.length === 0 ? t('evaluation.no_scorecards') : '');
      })
      .catch((error: unknown) => context.notice.show(errorText(error)));
  });
  start.addEventListener('click', () => {
    const card = cards.find((c) => c.id === scorecards.value);
    if (card) {
      openForm(card, null);
    }
  });

  return {
    element,
    /** The call now in the player: its evaluations; Evaluate only for a call an agent took. */
    show(next: CallRecord) {
      if (record?.id !== next.id) {
        clearWork();
        picker.hidden = true;
        rows.replaceChildren();
      }
      record = next;
      element.hidden = false;
      element.dataset.call = next.id;
      evaluate.hidden = next.agent === null;
      load();
    },
    dispose: clearWork,
  };
}
