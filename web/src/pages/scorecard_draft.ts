import type { QuestionKind, Scorecard, ScorecardBody } from '../api/types';
import { latinDigits } from '../format/numbers';
import { msg, type MessageKey } from '../i18n/messages';

// The scorecard builder's state, as typed, and the body it sends (docs/api.md POST and PUT
// /api/v1/scorecards). Pure: no DOM. The server checks the rules (lengths, ranges, critical on
// a yes/no question only) and names the field it refuses; here only what cannot be sent at
// all (a weight that is not a number) is caught, with the same field names.

export interface QuestionDraft {
  /** Kept across versions, so answers name the same question; new ones get q1, q2, … */
  id: string;
  text: string;
  kind: QuestionKind;
  /** As typed, in any digits. */
  weight: string;
  allowNa: boolean;
  critical: boolean;
}

export interface SectionDraft {
  title: string;
  questions: QuestionDraft[];
}

export interface ScorecardDraft {
  /** Chosen by the author for a new scorecard; fixed once saved. */
  id: string;
  /** The version being edited; null for a scorecard not saved yet. */
  version: number | null;
  name: string;
  /** As typed, in any digits. */
  passMark: string;
  sections: SectionDraft[];
}

/** The pass mark a new scorecard starts with (the server's default). */
export const kDefaultPassMark = 80;

/** The field name the API gives a question's member in its errors. */
export function questionField(section: number, question: number, member: string): string {
  return `sections[${section}].questions[${question}].${member}`;
}

/** An id for a new question that no question of `draft` has. */
export function freshQuestionId(draft: ScorecardDraft): string {
  const taken = new Set(draft.sections.flatMap((section) => section.questions.map((q) => q.id)));
  let n = taken.size + 1;
  while (taken.has(`q${n}`)) {
    n += 1;
  }
  return `q${n}`;
}

export function newQuestion(draft: ScorecardDraft): QuestionDraft {
  return { id: freshQuestionId(draft), text: '', kind: 'yes_no', weight: '1', allowNa: false, critical: false };
}

export function newSection(draft: ScorecardDraft): SectionDraft {
  return { title: '', questions: [newQuestion(draft)] };
}

/** What the builder opens with for a new scorecard: one section with one yes/no question. */
export function newDraft(): ScorecardDraft {
  const draft: ScorecardDraft = { id: '', version: null, name: '', passMark: String(kDefaultPassMark), sections: [] };
  draft.sections.push(newSection(draft));
  return draft;
}

/** A saved scorecard in the builder, to make its next version. */
export function draftFromScorecard(card: Scorecard): ScorecardDraft {
  return {
    id: card.id,
    version: card.version,
    name: card.name,
    passMark: String(card.pass_mark),
    sections: card.sections.map((section) => ({
      title: section.title,
      questions: section.questions.map((q) => ({
        id: q.id,
        text: q.text,
        kind: q.kind,
        weight: String(q.weight),
        allowNa: q.allow_na,
        critical: q.critical,
      })),
    })),
  };
}

/** An id suggested by a name written in Latin letters ("Sales calls 2" → "sales-calls-2"); ''
 *  when the name has none (a Persian name: the author types the id). */
export function suggestedId(name: string): string {
  return latinDigits(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A whole number typed in any of the three languages' digits; null when it is not one. */
function wholeNumber(text: string): number | null {
  const latin = latinDigits(text.trim());
  return /^\d{1,6}$/.test(latin) ? Number(latin) : null;
}

/** Why a draft cannot be sent: the field, as the API names it, and the message. */
export interface DraftProblem {
  field: string;
  message: MessageKey;
}

/** The request body for a draft: with `id` for a new scorecard (POST), without for its next
 *  version (PUT). Texts are sent trimmed; a scale question is never sent as critical (the
 *  builder offers "critical" for yes/no only, and a question switched to a scale keeps the
 *  box's state). */
export function scorecardBody(draft: ScorecardDraft): { body: ScorecardBody } | { problem: DraftProblem } {
  const passMark = wholeNumber(draft.passMark);
  if (passMark === null) {
    return { problem: { field: 'pass_mark', message: msg('scorecards.error_number') } };
  }
  const sections: ScorecardBody['sections'] = [];
  for (const [s, section] of draft.sections.entries()) {
    const questions = [];
    for (const [q, question] of section.questions.entries()) {
      const weight = wholeNumber(question.weight);
      if (weight === null) {
        return { problem: { field: questionField(s, q, 'weight'), message: msg('scorecards.error_number') } };
      }
      questions.push({
        id: question.id,
        text: question.text.trim(),
        kind: question.kind,
        weight,
        allow_na: question.allowNa,
        critical: question.kind === 'yes_no' && question.critical,
      });
    }
    sections.push({ title: section.title.trim(), questions });
  }
  const body: ScorecardBody = { name: draft.name.trim(), pass_mark: passMark, sections };
  return { body: draft.version === null ? { id: draft.id.trim(), ...body } : body };
}

/** How many questions a scorecard asks. */
export function questionCount(card: Pick<Scorecard, 'sections'>): number {
  return card.sections.reduce((total, section) => total + section.questions.length, 0);
}
