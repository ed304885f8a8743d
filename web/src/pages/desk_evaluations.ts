import type { AppContext } from '../app_context';
import { evaluationRecordingUrl, evaluationsQuery } from '../api/endpoints';
import type { Evaluation, EvaluationWithScorecard } from '../api/types';
import { formatDateTime } from '../format/dates';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { h, setData, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { evaluationReplyControl } from './desk_evaluation_reply';
import { evaluationStateLabel, formatScore, outcomeLabel, outcomeOf } from './evaluation_labels';
import { evaluationView } from './evaluation_view';
import { audioPlayer } from './recording_player';

const kColumns = [
  msg('evaluation.call_started'),
  msg('evaluation.scorecard'),
  msg('evaluation.score'),
  msg('evaluation.result'),
  msg('evaluation.state'),
  msg('console.actions'),
];

/** The desk's "My evaluations": the agent's submitted evaluations, newest changed first, with
 *  a badge for those waiting for their acknowledgement; one opened shows its scores, answers
 *  and comments beside the call's recording (a comment's time plays from there), and, while it
 *  waits for them, Acknowledge and Dispute. Loaded when the desk opens and after each answer:
 *  evaluations are not in the live feed. */
export function deskEvaluations(context: AppContext, agentId: string) {
  const badge = h('span', { class: 'badge', 'data-testid': 'evaluations-waiting', hidden: true });
  const rows = h('tbody', { 'data-testid': 'my-evaluations-rows' });
  const status = h('p', { class: 'results-status', role: 'status' });
  const table = h('table', { class: 'table' }, h('thead', {}, h('tr', {}, ...kColumns.map((key) => h('th', { scope: 'col' }, t(key))))), rows);
  const player = audioPlayer({ download: false });
  const view = h('div', { class: 'evaluation-detail-view' });
  const detail = h('div', { class: 'detail-grid evaluation-detail', 'data-testid': 'my-evaluation', hidden: true }, h('div', { class: 'listen' }, player.element), view);
  const element = h(
    'section',
    { class: 'panel desk-evaluations', 'data-testid': 'my-evaluations' },
    h('div', { class: 'results-head' }, h('h2', {}, t('desk.my_evaluations')), badge),
    status,
    h('div', { class: 'table-scroll' }, table),
    detail,
  );
  let openId: number | null = null;

  const row = (evaluation: Evaluation) => {
    const language = currentLanguage();
    const outcome = outcomeOf(evaluation);
    return h(
      'tr',
      { 'data-evaluation': String(evaluation.id), 'data-state': evaluation.state, class: evaluation.id === openId ? 'chosen' : '' },
      h('td', { class: 'num' }, formatDateTime(evaluation.call_started_at_ms, language)),
      // The scorecard's name as the agent knows it; a server older than the field gives its id.
      h('td', { 'data-scorecard': evaluation.scorecard }, h('bdi', {}, evaluation.scorecard_name ?? evaluation.scorecard)),
      h('td', { class: 'num' }, formatScore(evaluation.score, language)),
      h('td', { 'data-outcome': outcome }, outcomeLabel(outcome)),
      h('td', {}, evaluationStateLabel(evaluation.state)),
      h('td', {}, h('button', { type: 'button', 'data-action': 'open-evaluation', onclick: () => void open(evaluation.id) }, t('evaluation.open'))),
    );
  };

  const load = async () => {
    try {
      const [mine, waiting] = await Promise.all([
        context.api.evaluations(evaluationsQuery({ agent: agentId })),
        // The badge counts all of them, not only those on the first page.
        context.api.evaluations(evaluationsQuery({ agent: agentId, state: 'submitted' }, 1)),
      ]);
      rows.replaceChildren(...mine.evaluations.map(row));
      table.hidden = mine.evaluations.length === 0;
      setText(status, mine.evaluations.length === 0 ? t('desk.no_evaluations') : '');
      badge.hidden = waiting.total === 0;
      setData(badge, 'count', String(waiting.total));
      setText(badge, t('desk.evaluations_waiting', { count: formatInteger(waiting.total, currentLanguage()) }));
    } catch (error) {
      setText(status, errorText(error));
    }
  };

  const show = ({ evaluation, scorecard }: EvaluationWithScorecard) => {
    openId = evaluation.id;
    detail.hidden = false;
    detail.dataset.evaluation = String(evaluation.id);
    for (const tr of rows.children) {
      tr.classList.toggle('chosen', (tr as HTMLElement).dataset.evaluation === String(evaluation.id));
    }
    player.load(evaluationRecordingUrl(evaluation.id), null, false, () => context.api.evaluationWaveform(evaluation.id));
    const answered = (next: EvaluationWithScorecard) => {
      void load();
      show(next);
    };
    view.replaceChildren(
      evaluationView(evaluation, scorecard, (atMs) => player.seekMs(atMs)),
      ...(evaluation.state === 'submitted' ? [evaluationReplyControl(context.api, evaluation.id, answered)] : []),
    );
  };

  const open = (id: number) =>
    context.api
      .evaluation(id)
      .then(show)
      .catch((error: unknown) => context.notice.show(errorText(error)));

  void load();
  return { element, dispose: player.dispose };
}
