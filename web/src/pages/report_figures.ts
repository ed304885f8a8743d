import type { Figures, Language } from '../api/types';
import { formatInteger, formatOneDecimal, formatPercent, formatSeconds, localizeDigits } from '../format/numbers';
import { directionOf } from '../i18n/languages';
import { msg, type MessageKey } from '../i18n/messages';

// A report's figures as its tables write them (docs/metrics.md: the same definitions and the
// same formats as the wallboard's and the console's live figures). Pure: the language comes in.

/** The columns after a row's name: calls, then the figures derived from them. */
export const kReportFigureHeaders: readonly MessageKey[] = [
  msg('kpi.offered'),
  msg('kpi.answered'),
  msg('kpi.abandoned'),
  msg('kpi.service_level'),
  msg('kpi.asa'),
  msg('kpi.aht'),
  msg('kpi.abandon_rate'),
  msg('kpi.occupancy'),
  msg('kpi.utilisation'),
  msg('kpi.calls_per_agent_hour'),
];

/** One row's figures in `language`'s digits: counts whole, rates as percentages, ASA and AHT
 *  as durations (m:ss), calls per agent-hour with one decimal, "–" where there is no data
 *  (never 0). */
export function reportFigures(figures: Figures, language: Language): string[] {
  const { counters, kpis } = figures;
  return [
    formatInteger(counters.offered, language),
    formatInteger(counters.answered, language),
    formatInteger(counters.abandoned, language),
    formatPercent(kpis.service_level, language),
    formatSeconds(kpis.asa_s, language),
    formatSeconds(kpis.aht_s, language),
    formatPercent(kpis.abandon_rate, language),
    formatPercent(kpis.occupancy, language),
    formatPercent(kpis.utilisation, language),
    formatOneDecimal(kpis.calls_per_agent_hour, language),
  ];
}

/** A period's label as the server writes it ("1405-09-15 08:30", "2026-W49") in the reader's
 *  digits. */
export function periodLabel(label: string, language: Language): string {
  return localizeDigits(label, language);
}

/** `text` as a unit of its own inside a sentence (Unicode isolates, as <bdi>): a name in the
 *  direction of its first letter; a date or a time, which has no letters, in the direction of
 *  the page, as the tables show them. Then a date after a Persian word keeps its parts in
 *  order, and "1405-09-15 08:30" reads date first in every language. */
export function isolated(text: string, language: Language): string {
  const open = /\p{L}/u.test(text) ? '\u2068' : directionOf(language) === 'rtl' ? '\u2067' : '\u2066';
  return `${open}${text}\u2069`;
}
