import type { Api } from '../api/endpoints';
import type { CallRecord, Evaluation, EvaluationBody, EvaluationWithScorecard, Question, Scorecard, TimedComment } from '../api/types';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h, setText } from '../ui/dom';
import { errorText } from '../ui/labels';
import { answerChoices, answersFromPicks, commentMoment, formatOffset, radioValue, unanswered, withComment } from './evaluation_answers';
import { answerLabel } from './evaluation_labels';
import { commentList, evaluationResult } from './evaluation_result';
import { criticalMark } from './evaluation_view';
import type { AudioPlayer } from './recording_player';

export interface EvaluationFormOptions {
  api: Pick<Api, 'createEvaluation' | 'updateEvaluation'>;
  record: CallRecord;
  card: Scorecard;
  /** The evaluator's own draft to carry on with; null for a new evaluation. */
  draft: Evaluation | null;
  player: Pick<AudioPlayer, 'currentS' | 'seekMs' | 'onTime'>;
  agentName(id: string): string;
  /** The server's answer to Save draft or Submit. */
  onSaved(saved: EvaluationWithScorecard): void;
}

/** One question with its radio buttons: Yes and No, or 1 to 5; "N/A" where allowed. */
function questionRow(question: Question, picked: Map<string, string>): HTMLElement {
  const language = currentLanguage();
  const name = `answer-${question.id}`;
  const choices = answerChoices(question).map(([value, answer]) => {
    const radio = h('input', { type: 'radio', name, value, checked: picked.get(question.id) === value });
    radio.addEventListener('change', () => picked.set(question.id, value));
    // A scale's buttons show its figures; yes, no and N/A their words.
    const label = question.kind === 'scale' && answer !== null ? formatInteger(answer, language) : answerLabel(question, answer, language);
    return h('label', { class: 'choice', 'data-value': value }, radio, h('span', {}, label));
  });
  return h(
    'fieldset',
    { class: 'question', 'data-question': question.id, 'data-kind': question.kind, 'data-critical': String(question.critical) },
    h('legend', {}, h('bdi', {}, question.text), question.critical ? criticalMark() : null),
    h('div', { class: 'choices', role: 'radiogroup' }, ...choices),
  );
}

/** The evaluator's form for one call on one scorecard: every section's questions, comments
 *  pinned to the player's current moment ("Add comment at 01:23"; a comment's time takes the
 *  player back there), a summary, and Save draft / Submit. The score is the server's: it is
 *  shown, with each section's, once the server has answered. Returns the form and the
 *  function that lets go of the player. */
export function evaluationForm(options: EvaluationFormOptions): { element: HTMLElement; dispose: () => void } {
  const { api, record, card, player } = options;
  const language = currentLanguage();
  let evaluation: Evaluation | null = options.draft;
  const picked = new Map<string, string>();
  for (const [id, answer] of Object.entries(evaluation?.answers ?? {})) {
    picked.set(id, radioValue(answer));
  }
  let comments: TimedComment[] = [...(evaluation?.comments ?? [])];

  // Whose part of the call is scored: the agent who answered last, unless there were several.
  const agent = record.agents.length > 1 && !evaluation
    ? h('select', { 'data-testid': 'evaluated-agent' }, ...record.agents.map((id) => h('option', { value: id, selected: id === record.agent }, options.agentName(id))))
    : null;

  const commentsSlot = h('div', {});
  const showComments = () =>
    commentsSlot.replaceChildren(
      commentList(comments, (atMs) => player.seekMs(atMs), (index) => {
        comments = comments.filter((_, i) => i !== index);
        showComments();
      }),
    );
  showComments();
  const commentText = h('textarea', { rows: 2, 'data-testid': 'comment-text', 'aria-label': t('evaluation.comment_text') });
  const addComment = h('button', { type: 'button', 'data-action': 'add-comment' });
  const showMoment = (currentS: number) => setText(addComment, t('evaluation.add_comment_at', { time: formatOffset(commentMoment(currentS, record.duration_ms), language) }));
  showMoment(player.currentS());
  const stopWatching = player.onTime(showMoment);
  const summary = h('textarea', { rows: 3, 'data-testid': 'evaluation-summary-input', 'aria-label': t('evaluation.summary') });
  summary.value = evaluation?.summary ?? '';

  const problem = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'evaluation-error' });
  const outcome = h('div', { class: 'evaluation-outcome', 'aria-live': 'polite', 'data-testid': 'evaluation-saved' });
  const saveDraft = h('button', { type: 'button', 'data-action': 'save-draft' }, t('evaluation.save_draft'));
  const submit = h('button', { type: 'button', class: 'primary', 'data-action': 'submit-evaluation' }, t('evaluation.submit'));

  addComment.addEventListener('click', () => {
    const text = commentText.value.trim();
    if (!text) {
      setText(problem, t('evaluation.error_comment_empty'));
      commentText.focus();
      return;
    }
    setText(problem, '');
    comments = withComment(comments, { at_ms: commentMoment(player.currentS(), record.duration_ms), text });
    commentText.value = '';
    showComments();
  });

  const element = h(
    'form',
    { class: 'evaluation-form', 'data-testid': 'evaluation-form', 'data-scorecard': card.id, 'data-evaluation': evaluation ? String(evaluation.id) : '' },
    h('h3', {}, t('evaluation.scoring_on', { name: card.name, version: formatInteger(card.version, language) })),
    agent ? h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('call.agent')), agent) : null,
    ...card.sections.map((section) =>
      h('section', { class: 'evaluation-section' }, h('h4', {}, h('bdi', {}, section.title)), ...section.questions.map((question) => questionRow(question, picked))),
    ),
    h('h4', {}, t('evaluation.comments')),
    commentsSlot,
    h('div', { class: 'comment-add' }, commentText, addComment),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('evaluation.summary')), summary),
    h('div', { class: 'form-actions' }, saveDraft, submit, problem),
    outcome,
  );

  const save = (finish: boolean) => {
    const answers = answersFromPicks(card, picked);
    const missing = finish ? unanswered(card, answers) : [];
    if (missing[0]) {
      setText(problem, t('evaluation.error_unanswered', { question: missing[0].text }));
      element.querySelector<HTMLInputElement>(`fieldset[data-question="${CSS.escape(missing[0].id)}"] input`)?.focus();
      return;
    }
    const body: EvaluationBody = { answers, comments, summary: summary.value.trim(), submit: finish };
    const request = evaluation
      ? api.updateEvaluation(evaluation.id, body)
      : api.createEvaluation({ call: record.id, scorecard: card.id, ...(agent ? { agent: agent.value } : {}), ...body });
    saveDraft.disabled = submit.disabled = true;
    element.setAttribute('aria-busy', 'true');
    setText(problem, '');
    request
      .then((saved) => {
        evaluation = saved.evaluation;
        element.dataset.evaluation = String(saved.evaluation.id);
        outcome.replaceChildren(h('p', { class: 'saved-note' }, finish ? t('evaluation.submitted') : t('evaluation.draft_saved')), evaluationResult(saved.evaluation));
        options.onSaved(saved);
      })
      // A refused answer or comment is named by the server (answers.greeting: must be 1 to 5).
      .catch((error: unknown) => setText(problem, errorText(error)))
      .finally(() => {
        saveDraft.disabled = submit.disabled = false;
        element.removeAttribute('aria-busy');
      });
  };
  saveDraft.addEventListener('click', () => save(false));
  submit.addEventListener('click', () => save(true));
  element.addEventListener('submit', (event) => event.preventDefault());
  return { element, dispose: stopWatching };
}
