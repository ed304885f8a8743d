import type { SampleRule } from '../api/types';
import { startOfDay } from '../format/calendar';

// The "To evaluate" list's request (docs/api.md GET /api/v1/quality/sample). Pure: no DOM,
// no clock.

export const kSampleRules: readonly SampleRule[] = ['random', 'short', 'long-hold', 'transferred'];

/** Calls per agent the form offers; the API takes up to 50, but a week's work list for one
 *  analyst is a handful per agent. */
export const kMaxPerAgent = 10;
export const kDefaultPerAgent = 3;

/** Days before today the list starts at: today and the 6 before it are the API's default
 *  week. */
export const kSampleDefaultDays = 6;

export interface SampleSearch {
  fromDay: number;
  toDay: number;
  perAgent: number;
  rule: SampleRule;
  /** '' for every agent in the reader's scope. */
  agent: string;
}

export function defaultSampleSearch(today: number): SampleSearch {
  return { fromDay: today - kSampleDefaultDays, toDay: today, perAgent: kDefaultPerAgent, rule: 'random', agent: '' };
}

/** The API's query string (without "?"). The seed is left to the server, which takes the
 *  period: the same period gives the same pick, so the list does not reshuffle on a reload. */
export function sampleApiQuery(search: SampleSearch): string {
  const params = new URLSearchParams([
    ['from_ms', String(startOfDay(search.fromDay))],
    ['to_ms', String(startOfDay(search.toDay + 1))],
    ['per_agent', String(Math.min(Math.max(1, Math.round(search.perAgent)), kMaxPerAgent))],
    ['rule', search.rule],
  ]);
  if (search.agent) {
    params.set('agent', search.agent);
  }
  return params.toString();
}
