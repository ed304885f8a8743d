import type { Api } from '../api/endpoints';
import type { EvaluationWithScorecard } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';

/** The agent's answer to a submitted evaluation (docs/api.md POST …/acknowledge, …/dispute):
 *  Acknowledge, with a comment if they like, or Dispute, which needs one (what they do not
 *  agree with, for QA to answer). */
export function evaluationReplyControl(api: Pick<Api, 'acknowledgeEvaluation' | 'disputeEvaluation'>, id: number, onAnswered: (answered: EvaluationWithScorecard) => void): HTMLElement {
  const comment = h('textarea', { rows: 2, 'data-testid': 'reply-comment', 'aria-label': t('desk.reply_comment') });
  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'reply-error' });
  const acknowledge = h('button', { type: 'button', class: 'primary', 'data-action': 'acknowledge' }, t('desk.acknowledge'));
  const dispute = h('button', { type: 'button', class: 'danger', 'data-action': 'dispute' }, t('desk.dispute'));
  const element = h(
    'div',
    { class: 'evaluation-answer', 'data-testid': 'evaluation-reply' },
    h('p', { class: 'hint' }, t('desk.reply_hint')),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('desk.reply_comment')), comment),
    h('div', { class: 'form-actions' }, acknowledge, dispute, problem),
  );
  const send = (request: (text: string) => Promise<EvaluationWithScorecard>) => {
    acknowledge.disabled = dispute.disabled = true;
    setText(problem, '');
    request(comment.value.trim())
      .then(onAnswered)
      .catch((error: unknown) => setText(problem, errorText(error)))
      .finally(() => (acknowledge.disabled = dispute.disabled = false));
  };
  acknowledge.addEventListener('click', () => send((text) => api.acknowledgeEvaluation(id, text)));
  dispute.addEventListener('click', () => {
    if (!comment.value.trim()) {
      setText(problem, t('desk.dispute_needs_comment'));
      comment.focus();
      return;
    }
    send((text) => api.disputeEvaluation(id, text));
  });
  return element;
}
