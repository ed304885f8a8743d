import type { Answers, Evaluation, Language, Question, Role, Scorecard, TimedComment } from '../api/types';
import { formatDuration, formatInteger } from '../format/numbers';

// The evaluation form's pure parts: the radio buttons' values and the answers the API takes
// (docs/api.md "Quality": yes 1, no 0, a scale 1-5, null not applicable, a question not
// answered yet left out), the comments pinned to moments of the recording, and who may do
// what with an evaluation. No DOM.

/** The value of the radio button for "not applicable". */
export const kNotApplicable = 'na';

/** The radio buttons a question offers, as [value, answer]: yes and no, or 1 to 5; then "not
 *  applicable" where the question allows it. */
export function answerChoices(question: Pick<Question, 'kind' | 'allow_na'>): [string, number | null][] {
  const values = question.kind === 'yes_no' ? [1, 0] : [1, 2, 3, 4, 5];
  const choices: [string, number | null][] = values.map((value) => [String(value), value]);
  return question.allow_na ? [...choices, [kNotApplicable, null]] : choices;
}

/** The answer a radio button's value stands for; undefined for a value no question has. */
export function answerOf(value: string): number | null | undefined {
  if (value === kNotApplicable) {
    return null;
  }
  return /^[0-5]$/.test(value) ? Number(value) : undefined;
}

/** The radio value of an answer the server keeps; '' for a question not answered. */
export function radioValue(answer: number | null | undefined): string {
  return answer === undefined ? '' : answer === null ? kNotApplicable : String(answer);
}

/** The answers for the API from the radio buttons picked (question id → value): the questions
 *  of `card` only, in its order, those not picked left out (a draft may leave them). */
export function answersFromPicks(card: Pick<Scorecard, 'sections'>, picked: ReadonlyMap<string, string>): Answers {
  const answers: Answers = {};
  for (const question of card.sections.flatMap((section) => section.questions)) {
    const answer = answerOf(picked.get(question.id) ?? '');
    if (answer !== undefined) {
      answers[question.id] = answer;
    }
  }
  return answers;
}

/** The questions a submission still lacks, in the scorecard's order. */
export function unanswered(card: Pick<Scorecard, 'sections'>, answers: Answers): Question[] {
  return card.sections.flatMap((section) => section.questions).filter((question) => !(question.id in answers));
}

/** "01:23" (or "1:02:03" past an hour): where a comment is pinned, in the language's digits;
 *  minutes always two digits so a list of them lines up. */
export function formatOffset(atMs: number, language: Language): string {
  const text = formatDuration(atMs, language);
  // formatDuration writes m:ss under ten minutes; a leading zero makes it mm:ss.
  return atMs < 600_000 ? formatInteger(0, language) + text : text;
}

/** The moment the player is at as a comment's `at_ms`: whole milliseconds, never past the end
 *  of the call (the server refuses a comment there) nor before its start. */
export function commentMoment(currentS: number, callDurationMs: number): number {
  const ms = Number.isFinite(currentS) ? Math.floor(currentS * 1000) : 0;
  return Math.min(Math.max(0, ms), Math.max(0, callDurationMs));
}

/** `comments` with a new one, kept in the recording's order. */
export function withComment(comments: readonly TimedComment[], comment: TimedComment): TimedComment[] {
  return [...comments, comment].sort((a, b) => a.at_ms - b.at_ms);
}

/** Who may score calls: managers and QA analysts any call, supervisors their team's. */
export function canEvaluate(role: Role): boolean {
  return role === 'manager' || role === 'qa' || role === 'supervisor';
}

/** Whether `username` carries on with `evaluation` in the form: their own draft. (A manager may
 *  change anyone's draft too, but continues only their own here: the form is the evaluator's.) */
export function continuesDraft(evaluation: Pick<Evaluation, 'state' | 'evaluator'>, username: string): boolean {
  return evaluation.state === 'draft' && evaluation.evaluator === username;
}

/** Whether `role` answers `evaluation`'s dispute here; the server refuses the agent's own
 *  dispute to them, whatever their role. */
export function answersDispute(evaluation: Pick<Evaluation, 'state'>, role: Role): boolean {
  return evaluation.state === 'disputed' && canEvaluate(role);
}
