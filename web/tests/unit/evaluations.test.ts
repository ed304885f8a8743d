import { afterEach, describe, expect, it } from 'vitest';
import { evaluationRecordingUrl, evaluationsQuery } from '../../src/api/endpoints';
import type { Evaluation, Scorecard } from '../../src/api/types';
import { setLanguage } from '../../src/i18n/i18n';
import {
  answerChoices,
  answerOf,
  answersDispute,
  answersFromPicks,
  canEvaluate,
  commentMoment,
  continuesDraft,
  formatOffset,
  radioValue,
  unanswered,
  withComment,
} from '../../src/pages/evaluation_answers';
import { answerLabel, evaluationStateLabel, formatScore, outcomeLabel, outcomeOf } from '../../src/pages/evaluation_labels';
import {
  draftFromScorecard,
  freshQuestionId,
  newDraft,
  newQuestion,
  questionCount,
  scorecardBody,
  suggestedId,
} from '../../src/pages/scorecard_draft';

// The quality pages' pure parts: the scorecard builder's state and the body it sends, the
// evaluation form's radio buttons and the answers they make, comments pinned to the
// recording, scores and outcomes in words and digits, and who may do what.

afterEach(() => setLanguage('en'));

function scorecard(overrides: Partial<Scorecard> = {}): Scorecard {
  return {
    id: 'care', version: 2, name: 'Customer care', pass_mark: 80, retired: false, created_by: 'qa', created_at_ms: 0,
    sections: [
      {
        title: 'Opening',
        questions: [
          { id: 'greeting', text: 'Greeted the caller?', kind: 'yes_no', weight: 1, allow_na: false, critical: false },
          { id: 'identity', text: 'Checked identity?', kind: 'yes_no', weight: 2, allow_na: false, critical: true },
        ],
      },
      { title: 'Manner', questions: [{ id: 'polite', text: 'Polite?', kind: 'scale', weight: 3, allow_na: true, critical: false }] },
    ],
    ...overrides,
  };
}

function evaluation(overrides: Partial<Evaluation> = {}): Evaluation {
  return {
    id: 7, call: 'c1', agent: 'a1005', queues: ['sales'], call_started_at_ms: 0, scorecard: 'care', scorecard_version: 2,
    evaluator: 'qa', state: 'submitted', answers: {}, comments: [], summary: '', score: 75, passed: false,
    critical_failed: false, sections: [], created_at_ms: 0, updated_at_ms: 0, submitted_at_ms: 0, agent_reply: null,
    resolution: null, ...overrides,
  };
}

describe('the scorecard builder', () => {
  it('starts a new scorecard with one section of one yes/no question and the default pass mark', () => {
    const draft = newDraft();
    expect(draft).toEqual({
      id: '', version: null, name: '', passMark: '80',
      sections: [{ title: '', questions: [{ id: 'q1', text: '', kind: 'yes_no', weight: '1', allowNa: false, critical: false }] }],
    });
  });

  it('gives new questions ids no other question has, across sections', () => {
    const draft = draftFromScorecard(scorecard());
    expect(freshQuestionId(draft)).toBe('q4');
    draft.sections[0]!.questions.push({ ...newQuestion(draft), id: 'q4' });
    expect(newQuestion(draft).id).toBe('q5');
  });

  it('sends a new scorecard with its id, numbers typed in any digits, texts trimmed', () => {
    const draft = newDraft();
    draft.id = 'sales-calls';
    draft.name = '  Sales calls ';
    draft.passMark = '۷۵';
    draft.sections[0]!.title = 'Opening';
    Object.assign(draft.sections[0]!.questions[0]!, { text: ' Greeted? ', weight: '٣', allowNa: true, critical: true });
    expect(scorecardBody(draft)).toEqual({
      body: {
        id: 'sales-calls', name: 'Sales calls', pass_mark: 75,
        sections: [{ title: 'Opening', questions: [{ id: 'q1', text: 'Greeted?', kind: 'yes_no', weight: 3, allow_na: true, critical: true }] }],
      },
    });
  });

  it('sends the next version without the id and keeps the questions ids, so answers still name them', () => {
    const made = scorecardBody(draftFromScorecard(scorecard()));
    expect('body' in made && made.body).toEqual({
      name: 'Customer care', pass_mark: 80,
      sections: scorecard().sections,
    });
  });

  it('never sends a scale question as critical (the box is offered for yes/no only)', () => {
    const draft = newDraft();
    Object.assign(draft.sections[0]!.questions[0]!, { text: 'Tone', critical: true, kind: 'scale' });
    const made = scorecardBody(draft);
    expect('body' in made && made.body.sections[0]!.questions[0]!.critical).toBe(false);
  });

  it('names the field, as the API does, of a number that is not one', () => {
    const draft = draftFromScorecard(scorecard());
    draft.sections[1]!.questions[0]!.weight = 'heavy';
    expect(scorecardBody(draft)).toEqual({ problem: { field: 'sections[1].questions[0].weight', message: 'scorecards.error_number' } });
    draft.passMark = '';
    expect(scorecardBody(draft)).toEqual({ problem: { field: 'pass_mark', message: 'scorecards.error_number' } });
  });

  it('suggests an id from a Latin name, and none from a Persian one', () => {
    expect(suggestedId('Sales calls 2')).toBe('sales-calls-2');
    expect(suggestedId('  Care & Quality!  ')).toBe('care-quality');
    expect(suggestedId('کیفیت تماس')).toBe('');
    expect(suggestedId('x'.repeat(50))).toHaveLength(40);
  });

  it('counts the questions', () => {
    expect(questionCount(scorecard())).toBe(3);
  });
});

describe('the evaluation form', () => {
  it('offers yes and no, or 1 to 5, and N/A where the question allows it', () => {
    const [greeting, , polite] = scorecard().sections.flatMap((s) => s.questions);
    expect(answerChoices(greeting!)).toEqual([['1', 1], ['0', 0]]);
    expect(answerChoices(polite!)).toEqual([['1', 1], ['2', 2], ['3', 3], ['4', 4], ['5', 5], ['na', null]]);
  });

  it('turns the buttons picked into answers: yes 1, no 0, N/A null, the unpicked left out', () => {
    const picks = new Map([['greeting', '1'], ['identity', '0'], ['polite', 'na'], ['gone', '1']]);
    expect(answersFromPicks(scorecard(), picks)).toEqual({ greeting: 1, identity: 0, polite: null });
    expect(answersFromPicks(scorecard(), new Map([['polite', '4']]))).toEqual({ polite: 4 });
    expect(answerOf('7')).toBeUndefined();
  });

  it('reads a saved draft back into the buttons', () => {
    expect(radioValue(1)).toBe('1');
    expect(radioValue(0)).toBe('0');
    expect(radioValue(null)).toBe('na');
    expect(radioValue(undefined)).toBe('');
    const answers = { greeting: 1, polite: null };
    const picks = new Map(Object.entries(answers).map(([id, answer]) => [id, radioValue(answer)]));
    expect(answersFromPicks(scorecard(), picks)).toEqual(answers);
  });

  it('lists the questions a submission still lacks (N/A is an answer)', () => {
    expect(unanswered(scorecard(), { greeting: 1, polite: null }).map((q) => q.id)).toEqual(['identity']);
    expect(unanswered(scorecard(), { greeting: 1, identity: 0, polite: 3 })).toEqual([]);
  });

  it('pins a comment to the player moment, within the call, in the recording order', () => {
    expect(commentMoment(83.4567, 200_000)).toBe(83_456);
    expect(commentMoment(250, 200_000)).toBe(200_000);
    expect(commentMoment(Number.NaN, 200_000)).toBe(0);
    const comments = withComment([{ at_ms: 1_000, text: 'a' }, { at_ms: 9_000, text: 'c' }], { at_ms: 5_000, text: 'b' });
    expect(comments.map((c) => c.text)).toEqual(['a', 'b', 'c']);
  });

  it('writes a comment moment as mm:ss in the language digits', () => {
    expect(formatOffset(83_000, 'en')).toBe('01:23');
    expect(formatOffset(0, 'en')).toBe('00:00');
    expect(formatOffset(754_000, 'en')).toBe('12:34');
    expect(formatOffset(3_723_000, 'en')).toBe('1:02:03');
    expect(formatOffset(83_000, 'fa')).toBe('۰۱:۲۳');
    expect(formatOffset(83_000, 'ar')).toBe('٠١:٢٣');
  });
});

describe('scores and states in words', () => {
  it('tells a pass, a fail on the mark, a fail on a critical question, and no score yet apart', () => {
    expect(outcomeOf({ score: 90, passed: true, critical_failed: false })).toBe('passed');
    expect(outcomeOf({ score: 60, passed: false, critical_failed: false })).toBe('failed');
    expect(outcomeOf({ score: 0, passed: false, critical_failed: true })).toBe('critical');
    expect(outcomeOf({ score: null, passed: null, critical_failed: false })).toBe('unscored');
    expect(outcomeLabel('critical')).toBe('Failed: critical question');
  });

  it('writes the server score as a percentage with one decimal, in the language digits', () => {
    expect(formatScore(87.5, 'en')).toBe('87.5%');
    expect(formatScore(0, 'en')).toBe('0%');
    expect(formatScore(100, 'en')).toBe('100%');
    expect(formatScore(87.5, 'fa')).toBe('۸۷٫۵٪');
    expect(formatScore(null, 'en')).toBe('–');
  });

  it('writes answers and states in the page language', () => {
    expect(answerLabel({ kind: 'yes_no' }, 1)).toBe('Yes');
    expect(answerLabel({ kind: 'yes_no' }, 0)).toBe('No');
    expect(answerLabel({ kind: 'scale' }, 4)).toBe('4 of 5');
    expect(answerLabel({ kind: 'scale' }, null)).toBe('N/A');
    expect(answerLabel({ kind: 'scale' }, undefined)).toBe('Not answered');
    setLanguage('fa');
    expect(answerLabel({ kind: 'scale' }, 4, 'fa')).toBe('۴ از ۵');
    expect(evaluationStateLabel('acknowledged')).toBe('تأییدشده');
    expect(evaluationStateLabel('archived')).toBe('archived');
  });
});

describe('who does what with an evaluation', () => {
  it('lets managers, QA and supervisors score calls, never agents', () => {
    expect(['manager', 'qa', 'supervisor', 'agent'].filter((role) => canEvaluate(role as never))).toEqual(['manager', 'qa', 'supervisor']);
  });

  it('continues only the evaluator own draft in the form', () => {
    expect(continuesDraft(evaluation({ state: 'draft' }), 'qa')).toBe(true);
    expect(continuesDraft(evaluation({ state: 'draft' }), 'manager')).toBe(false);
    expect(continuesDraft(evaluation({ state: 'submitted' }), 'qa')).toBe(false);
  });

  it('offers the answer to a dispute to those who score calls', () => {
    expect(answersDispute(evaluation({ state: 'disputed' }), 'qa')).toBe(true);
    expect(answersDispute(evaluation({ state: 'disputed' }), 'agent')).toBe(false);
    expect(answersDispute(evaluation({ state: 'resolved' }), 'qa')).toBe(false);
  });

  it('asks the API for a call or an agent evaluations, and for the recording of one', () => {
    expect(evaluationsQuery({ call: 'c 1' })).toBe('call=c+1&limit=50');
    expect(evaluationsQuery({ agent: 'a1005', state: 'submitted' }, 1)).toBe('agent=a1005&state=submitted&limit=1');
    expect(evaluationsQuery({ agent: 'a1005', call: '' })).toBe('agent=a1005&limit=50');
    expect(evaluationRecordingUrl(7)).toBe('/api/v1/evaluations/7/recording');
  });
});
