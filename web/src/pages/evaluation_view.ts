import type { Evaluation, Scorecard } from '../api/types';
import { formatDateTime } from '../format/dates';
import { formatInteger } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { radioValue } from './evaluation_answers';
import { answerLabel, evaluationStateLabel } from './evaluation_labels';
import { commentList, evaluationResult, replyBlock } from './evaluation_result';

/** A mark beside a critical question: a "no" there fails the whole call. */
export function criticalMark(): HTMLElement {
  return h('span', { class: 'critical-mark', 'data-testid': 'critical-mark' }, t('evaluation.critical'));
}

/** An evaluation as its readers see it once it is made (the agent on the desk, QA reading a
 *  submitted one): on which scorecard, by whom, where it stands; the score and each section's;
 *  every question with its answer; the comments (each takes the player to its moment); the
 *  summary; and the agent's reply and QA's answer to a dispute. What people wrote (questions,
 *  comments, summary) takes the direction of its own script (<bdi>) and the page's alignment: an
 *  English question keeps its question mark at its end on a Persian page. */
export function evaluationView(evaluation: Evaluation, card: Scorecard, onSeek: (atMs: number) => void): HTMLElement {
  const language = currentLanguage();
  const fact = (label: string, value: string, testId?: string) => [h('dt', {}, label), h('dd', { 'data-testid': testId }, value)];
  const sections = card.sections.map((section) =>
    h(
      'section',
      { class: 'evaluation-section' },
      h('h4', {}, h('bdi', {}, section.title)),
      h(
        'ul',
        { class: 'answers' },
        ...section.questions.map((question) => {
          const answer = question.id in evaluation.answers ? evaluation.answers[question.id] : undefined;
          return h(
            'li',
            { 'data-question': question.id, 'data-critical': String(question.critical), 'data-answer': radioValue(answer) },
            h('span', { class: 'question-text' }, h('bdi', {}, question.text), question.critical ? criticalMark() : null),
            h('span', { class: 'answer' }, answerLabel(question, answer, language)),
          );
        }),
      ),
    ),
  );
  return h(
    'div',
    { class: 'evaluation-view', 'data-testid': 'evaluation-view', 'data-evaluation': String(evaluation.id), 'data-state': evaluation.state },
    h(
      'dl',
      { class: 'facts' },
      ...fact(t('evaluation.scorecard'), t('evaluation.scorecard_version', { name: card.name, version: formatInteger(card.version, language) })),
      ...fact(t('evaluation.evaluator'), evaluation.evaluator),
      ...fact(t('evaluation.call_started'), formatDateTime(evaluation.call_started_at_ms, language)),
      ...fact(t('evaluation.state'), evaluationStateLabel(evaluation.state), 'evaluation-state'),
    ),
    evaluationResult(evaluation),
    ...sections,
    h('h4', {}, t('evaluation.comments')),
    commentList(evaluation.comments, onSeek),
    h('h4', {}, t('evaluation.summary')),
    h('p', { class: 'summary', 'data-testid': 'evaluation-summary' }, h('bdi', {}, evaluation.summary || '–')),
    evaluation.agent_reply
      ? replyBlock(evaluation.state === 'acknowledged' ? t('evaluation.acknowledgement') : t('evaluation.dispute'), evaluation.agent_reply, 'agent-reply')
      : null,
    evaluation.resolution ? replyBlock(t('evaluation.resolution'), evaluation.resolution, 'resolution') : null,
  );
}
