import type { Evaluation, EvaluationState, Language, Question } from '../api/types';
import { formatInteger, formatPercent } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg, type MessageKey } from '../i18n/messages';

// An evaluation's figures and states in words, the same on the Recordings page and the desk.

const kStates: Record<EvaluationState, MessageKey> = {
  draft: msg('evaluation.state_draft'),
  submitted: msg('evaluation.state_submitted'),
  acknowledged: msg('evaluation.state_acknowledged'),
  disputed: msg('evaluation.state_disputed'),
  resolved: msg('evaluation.state_resolved'),
};

/** Where an evaluation stands; a state the page does not know is shown as the server sends it. */
export function evaluationStateLabel(state: string): string {
  return Object.hasOwn(kStates, state) ? t(kStates[state as EvaluationState]) : state;
}

/** What the score means: passed, failed on the pass mark, failed on a critical question, or
 *  no score yet (a draft that answers nothing). */
export type Outcome = 'passed' | 'failed' | 'critical' | 'unscored';

export function outcomeOf(evaluation: Pick<Evaluation, 'score' | 'passed' | 'critical_failed'>): Outcome {
  if (evaluation.critical_failed) {
    return 'critical';
  }
  if (evaluation.score === null || evaluation.passed === null) {
    return 'unscored';
  }
  return evaluation.passed ? 'passed' : 'failed';
}

const kOutcomes: Record<Outcome, MessageKey> = {
  passed: msg('evaluation.passed'),
  failed: msg('evaluation.failed'),
  critical: msg('evaluation.critical_failed'),
  unscored: msg('evaluation.unscored'),
};

export function outcomeLabel(outcome: Outcome): string {
  return t(kOutcomes[outcome]);
}

/** A score (0-100 from the server, one decimal) as a percentage in the language's digits:
 *  "87.5%", "۸۷٫۵٪"; "–" for none. */
export function formatScore(score: number | null, language: Language = currentLanguage()): string {
  return formatPercent(score === null ? null : score / 100, language);
}

/** An answer in words: Yes, No, "4 of 5", Not applicable, or not answered. */
export function answerLabel(question: Pick<Question, 'kind'>, answer: number | null | undefined, language: Language = currentLanguage()): string {
  if (answer === undefined) {
    return t('evaluation.not_answered');
  }
  if (answer === null) {
    return t('evaluation.na');
  }
  if (question.kind === 'yes_no') {
    return answer === 1 ? t('evaluation.yes') : t('evaluation.no');
  }
  return t('evaluation.scale_answer', { value: formatInteger(answer, language), max: formatInteger(5, language) });
}
