import type { Evaluation, EvaluationReply, TimedComment } from '../api/types';
import { formatDateTime } from '../format/dates';
import { currentLanguage, t } from '../i18n/i18n';
import { h } from '../ui/dom';
import { formatOffset } from './evaluation_answers';
import { formatScore, outcomeLabel, outcomeOf } from './evaluation_labels';

// Pieces of an evaluation both the evaluator's form and the agent's desk show: the score the
// server computed, and the comments pinned to moments of the recording.

/** The server's verdict: the score, passed or failed (and whether a critical question failed
 *  it), and each section's score. */
export function evaluationResult(evaluation: Evaluation): HTMLElement {
  const language = currentLanguage();
  const outcome = outcomeOf(evaluation);
  const sections = evaluation.sections.map((section) =>
    h('tr', {}, h('td', {}, h('bdi', {}, section.title)), h('td', { class: 'num', 'data-testid': 'section-score' }, formatScore(section.score, language))),
  );
  return h(
    'div',
    { class: 'evaluation-result', 'data-testid': 'evaluation-result', 'data-outcome': outcome, 'data-score': evaluation.score === null ? '' : String(evaluation.score) },
    h(
      'p',
      { class: 'score-line' },
      h('span', { class: 'score', 'data-testid': 'evaluation-score' }, formatScore(evaluation.score, language)),
      h('span', { class: 'outcome', 'data-testid': 'evaluation-outcome' }, outcomeLabel(outcome)),
    ),
    sections.length
      ? h(
          'table',
          { class: 'table section-scores', 'data-testid': 'section-scores' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('evaluation.section')), h('th', { scope: 'col' }, t('evaluation.score')))),
          h('tbody', {}, ...sections),
        )
      : null,
  );
}

/** The comments in the recording's order: each one's moment is a button that takes the player
 *  there. `onRemove` (the evaluator's form) adds a button to take a comment out. */
export function commentList(comments: readonly TimedComment[], onSeek: (atMs: number) => void, onRemove: ((index: number) => void) | null = null): HTMLElement {
  const language = currentLanguage();
  if (comments.length === 0) {
    return h('p', { class: 'empty', 'data-testid': 'comments' }, t('evaluation.no_comments'));
  }
  return h(
    'ol',
    { class: 'comments', 'data-testid': 'comments' },
    ...comments.map((comment, index) =>
      h(
        'li',
        { 'data-at-ms': String(comment.at_ms) },
        h(
          'button',
          { type: 'button', class: 'comment-time', 'data-action': 'seek-comment', dir: 'ltr', title: t('evaluation.play_from_here'), onclick: () => onSeek(comment.at_ms) },
          formatOffset(comment.at_ms, language),
        ),
        h('bdi', { class: 'comment-text' }, comment.text),
        onRemove ? h('button', { type: 'button', class: 'danger', 'data-action': 'remove-comment', onclick: () => onRemove(index) }, t('evaluation.remove_comment')) : null,
      ),
    ),
  );
}

/** The agent's acknowledgement or dispute, or QA's answer to it: who, when, what they said. */
export function replyBlock(title: string, reply: EvaluationReply, testId: string): HTMLElement {
  return h(
    'div',
    { class: 'evaluation-reply', 'data-testid': testId },
    h('h4', {}, title),
    h('p', { class: 'hint' }, t('evaluation.reply_by', { user: reply.by, time: formatDateTime(reply.at_ms, currentLanguage()) })),
    reply.text ? h('p', { class: 'reply-text' }, h('bdi', {}, reply.text)) : null,
  );
}
