// The JSON shapes of docs/api.md "Quality" and the recording's waveform: scorecards,
// evaluations, QA reports and samples. Re-exported by types.ts, which the pages import.

/** How a scorecard question is answered: yes (1) or no (0), or a scale of 1 (poor) to 5
 *  (excellent). */
export type QuestionKind = 'yes_no' | 'scale';

/** One question of a scorecard (docs/api.md "Quality"). */
export interface Question {
  /** `[a-z0-9_-]{1,40}`, unique in the scorecard; answers name it. */
  id: string;
  text: string;
  kind: QuestionKind;
  /** Its share of the score, 1-100. */
  weight: number;
  /** May be answered "not applicable" (left out of the score). */
  allow_na: boolean;
  /** Yes/no only: a "no" fails the evaluation with a score of 0. */
  critical: boolean;
}

export interface ScorecardSection {
  title: string;
  questions: Question[];
}

/** A form calls are scored on; each change is a new version. */
export interface Scorecard {
  id: string;
  version: number;
  name: string;
  /** Percent 0-100 an evaluation must reach to pass. */
  pass_mark: number;
  /** Takes no new evaluations. */
  retired: boolean;
  created_by: string;
  created_at_ms: number;
  sections: ScorecardSection[];
}

/** What POST /api/v1/scorecards takes (PUT the same without `id`). */
export interface ScorecardBody {
  id?: string;
  name: string;
  pass_mark: number;
  sections: ScorecardSection[];
}

/** Question id → yes 1, no 0, a scale 1-5, null for not applicable. A question a draft has
 *  not answered yet is absent. */
export type Answers = Record<string, number | null>;

/** A note pinned to a moment of the recording, from its start. */
export interface TimedComment {
  at_ms: number;
  text: string;
}

export type EvaluationState = 'draft' | 'submitted' | 'acknowledged' | 'disputed' | 'resolved';

/** Someone's word after the evaluation was submitted: the agent's acknowledgement or dispute,
 *  QA's answer to a dispute. */
export interface EvaluationReply {
  by: string;
  text: string;
  at_ms: number;
}

/** One evaluation scored by the server (docs/api.md "Quality"). */
export interface Evaluation {
  id: number;
  call: string;
  agent: string;
  queues: string[];
  call_started_at_ms: number;
  scorecard: string;
  scorecard_version: number;
  /** That version's name. Missing from servers older than the field. */
  scorecard_name?: string;
  evaluator: string;
  state: EvaluationState;
  answers: Answers;
  comments: TimedComment[];
  summary: string;
  /** 0-100 to one decimal; null while a draft answers nothing. */
  score: number | null;
  /** null with `score`. */
  passed: boolean | null;
  critical_failed: boolean;
  /** Each section's score; null when all its questions are not applicable. */
  sections: { title: string; score: number | null }[];
  created_at_ms: number;
  updated_at_ms: number;
  submitted_at_ms: number | null;
  agent_reply: EvaluationReply | null;
  resolution: EvaluationReply | null;
}

/** An evaluation with the scorecard version it was made with. */
export interface EvaluationWithScorecard {
  evaluation: Evaluation;
  scorecard: Scorecard;
}

export interface EvaluationPage {
  evaluations: Evaluation[];
  total: number;
  limit: number;
  offset: number;
}

/** What POST /api/v1/evaluations takes; PUT takes any of answers, comments, summary, submit. */
export interface EvaluationBody {
  call?: string;
  scorecard?: string;
  agent?: string;
  answers?: Answers;
  comments?: TimedComment[];
  summary?: string;
  submit?: boolean;
}

/** What GET /api/v1/quality/report groups the evaluations by (docs/api.md "Quality"). */
export type ReportGroupBy = 'agent' | 'queue' | 'evaluator' | 'scorecard' | 'section' | 'call';

/** One group's figures: scores and the pass rate in percent to one decimal, `spread` the
 *  population standard deviation of the scores; null where no score counts. */
export interface QualityReportRow {
  /** The agent, queue, evaluator, scorecard, "scorecard: section title" or call. */
  key: string;
  evaluations: number;
  average: number | null;
  lowest: number | null;
  highest: number | null;
  spread: number | null;
  passed: number;
  pass_rate: number | null;
  critical_failures: number;
  /** Evaluations the agent disputed, answered or not. */
  disputed: number;
}

export interface QualityReport {
  by: ReportGroupBy;
  from_ms: number;
  to_ms: number;
  /** Submitted evaluations in the period (a call in two queues counts once here). */
  evaluations: number;
  rows: QualityReportRow[];
}

/** How GET /api/v1/quality/sample picks calls. */
export type SampleRule = 'random' | 'short' | 'long-hold' | 'transferred';

/** A call QA should evaluate next. */
export interface SampleCall {
  id: string;
  agent: string;
  started_at_ms: number;
  talk_ms: number;
  hold_ms: number;
  transferred: boolean;
}

export interface QualitySample {
  /** By agent, then oldest first. */
  calls: SampleCall[];
  /** Calls there were to choose from. */
  candidates: number;
  seed: string;
  from_ms: number;
  to_ms: number;
}

/** Which side of the call spoke: the caller (the recording's left channel) or the agents
 *  (its right). */
export type SpeechSide = 'caller' | 'agents';

/** A recording's waveform and who spoke when (GET /api/v1/call-records/{id}/waveform). */
export interface Waveform {
  duration_ms: number;
  points: number;
  /** Each slice's peak level, 0-1, `points` of them. */
  caller: number[];
  agents: number[];
  /** The stretches each side spoke, oldest first. */
  speech: { side: SpeechSide; from_ms: number; to_ms: number }[];
  /** How long each side spoke, both at once, neither. */
  talk: { caller_ms: number; agents_ms: number; overlap_ms: number; silence_ms: number };
}
