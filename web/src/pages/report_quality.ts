import type { Language, ReportQuality } from '../api/types';
import { formatInteger, kNoData } from '../format/numbers';
import { translate } from '../i18n/i18n';
import { formatScore } from './evaluation_labels';

// The QA score beside a report's figures (docs/reports.md "QA beside the figures"): the
// scope's beside the title, each ranked agent's in the agents' table. Pure: the language
// comes in.

/** The scope's QA score in `language`'s digits: "QA score: 82.5% (evaluations: 12)", "QA
 *  score: –" without evaluations; null when the server keeps no evaluations (nothing shown). */
export function qualitySummary(quality: ReportQuality | undefined, language: Language): string | null {
  if (!quality) {
    return null;
  }
  if (quality.evaluations === 0 || quality.average === null) {
    return translate(language, 'reports.qa_score_none', { score: kNoData });
  }
  return translate(language, 'reports.qa_score', {
    score: formatScore(quality.average, language),
    count: formatInteger(quality.evaluations, language),
  });
}

/** An agent's cell in the QA column: their average score ("–" for an agent with none) and, for
 *  its hint, how many evaluations it averages. */
export function agentQuality(quality: ReportQuality, agent: string, language: Language): { text: string; hint: string; evaluations: number } {
  const own = Object.hasOwn(quality.by_agent, agent) ? quality.by_agent[agent] : undefined;
  const evaluations = own?.evaluations ?? 0;
  return {
    text: formatScore(evaluations === 0 ? null : (own?.average ?? null), language),
    hint: translate(language, 'quality.evaluation_count', { count: formatInteger(evaluations, language) }),
    evaluations,
  };
}
