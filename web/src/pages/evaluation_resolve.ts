import type { Api } from '../api/endpoints';
import type { EvaluationWithScorecard } from '../api/types';
import { t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';

/** QA's answer to an agent's dispute (docs/api.md POST /api/v1/evaluations/{id}/resolve): a
 *  comment, required; the evaluation is then resolved and the agent reads the answer on the
 *  desk. */
export function resolveControl(api: Pick<Api, 'resolveEvaluation'>, id: number, onResolved: (resolved: EvaluationWithScorecard) => void): HTMLElement {
  const comment = h('textarea', { rows: 3, 'data-testid': 'resolve-comment', 'aria-label': t('evaluation.resolve_comment') });
  const problem = h('p', { class: 'form-error', role: 'alert' });
  const send = h('button', { type: 'submit', class: 'primary', 'data-action': 'resolve' }, t('evaluation.resolve'));
  const form = h(
    'form',
    { class: 'evaluation-answer', 'data-testid': 'resolve-form' },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('evaluation.resolve_comment')), comment),
    h('div', { class: 'form-actions' }, send, problem),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = comment.value.trim();
    if (!text) {
      setText(problem, t('evaluation.error_comment_required'));
      comment.focus();
      return;
    }
    send.disabled = true;
    api
      .resolveEvaluation(id, text)
      .then(onResolved)
      .catch((error: unknown) => setText(problem, errorText(error)))
      .finally(() => (send.disabled = false));
  });
  return form;
}
