import type { CallRecord, Disposition } from '../api/types';
import { dayFromIso, isoFromDay, startOfDay } from '../format/calendar';
import { latinDigits } from '../format/numbers';
import { msg, type MessageKey } from '../i18n/messages';

// The Recordings page's search, kept in the page's address (/recordings?from=...&call=...) so
// a reload, a language change or a link to a colleague shows the same calls, and turned into
// the API's query (docs/api.md GET /api/v1/call-records). Pure: no DOM, no clock.

export const kDispositions: readonly Disposition[] = ['answered', 'abandoned', 'blocked', 'timed-out', 'callback', 'ivr', 'failed'];

/** Calls a page of results shows. */
export const kPageSize = 25;

/** Days before today the search starts at first: today and the 30 before it are the 31 days
 *  the API searches by default. */
export const kDefaultDays = 30;

export type RecordOrder = 'newest' | 'oldest';

/** Calls with a submitted evaluation ('true'), without ('false'), or either (''). */
export type EvaluatedFilter = '' | 'true' | 'false';

export interface RecordSearch {
  /** First and last day searched (days since 1970-01-01, in the browser's time zone). */
  fromDay: number;
  toDay: number;
  agent: string;
  queue: string;
  /** Part of the caller's number, Latin digits. */
  caller: string;
  disposition: Disposition | '';
  recordedOnly: boolean;
  evaluated: EvaluatedFilter;
  minTalkS: number | null;
  maxTalkS: number | null;
  order: RecordOrder;
  offset: number;
}

/** What the page opens with: the last 31 days, recorded calls, newest first. */
export function defaultSearch(today: number): RecordSearch {
  return {
    fromDay: today - kDefaultDays,
    toDay: today,
    agent: '',
    queue: '',
    caller: '',
    disposition: '',
    recordedOnly: true,
    evaluated: '',
    minTalkS: null,
    maxTalkS: null,
    order: 'newest',
    offset: 0,
  };
}

function wholeNumber(text: string | null, max: number): number | null {
  return text !== null && /^\d{1,7}$/.test(text) && Number(text) <= max ? Number(text) : null;
}

/** The search in an address's query string (pageQuery's form); what is missing or wrong takes
 *  the default, so an edited or old link still opens. An empty query is the default search. */
export function searchFromQuery(query: string, today: number): RecordSearch {
  const params = new URLSearchParams(query);
  const search = defaultSearch(today);
  if ([...params.keys()].filter((key) => key !== 'call').length === 0) {
    return search;
  }
  const fromDay = dayFromIso(params.get('from') ?? '');
  const toDay = dayFromIso(params.get('to') ?? '');
  const disposition = params.get('disposition') ?? '';
  const order = params.get('order');
  const evaluated = params.get('evaluated');
  return {
    fromDay: fromDay ?? search.fromDay,
    toDay: toDay ?? search.toDay,
    agent: params.get('agent') ?? '',
    queue: params.get('queue') ?? '',
    caller: params.get('caller') ?? '',
    disposition: (kDispositions as readonly string[]).includes(disposition) ? (disposition as Disposition) : '',
    recordedOnly: params.get('recorded') === 'true',
    evaluated: evaluated === 'true' || evaluated === 'false' ? evaluated : '',
    minTalkS: wholeNumber(params.get('min_talk_s'), 86_400),
    maxTalkS: wholeNumber(params.get('max_talk_s'), 86_400),
    order: order === 'oldest' ? 'oldest' : 'newest',
    offset: wholeNumber(params.get('offset'), 1_000_000) ?? 0,
  };
}

/** The filters both queries share, in the API's names; empty ones left out. */
function filters(search: RecordSearch): [string, string][] {
  const out: [string, string][] = [];
  const add = (name: string, value: string | number | null) => {
    if (value !== null && value !== '') {
      out.push([name, String(value)]);
    }
  };
  add('agent', search.agent);
  add('queue', search.queue);
  add('caller', search.caller);
  add('disposition', search.disposition);
  add('min_talk_s', search.minTalkS);
  add('max_talk_s', search.maxTalkS);
  add('recorded', search.recordedOnly ? 'true' : null);
  add('evaluated', search.evaluated);
  return out;
}

/** The page's own query string (without "?"): days as ISO dates, the chosen call last. */
export function pageQuery(search: RecordSearch, call: string | null = null): string {
  const params = new URLSearchParams([['from', isoFromDay(search.fromDay)], ['to', isoFromDay(search.toDay)], ...filters(search)]);
  params.set('order', search.order);
  if (search.offset > 0) {
    params.set('offset', String(search.offset));
  }
  if (call) {
    params.set('call', call);
  }
  return params.toString();
}

/** The API's query string (without "?"): the days become the instants they begin and end in
 *  the browser's time zone, the last day included. */
export function apiQuery(search: RecordSearch, limit = kPageSize): string {
  const params = new URLSearchParams([
    ['from_ms', String(startOfDay(search.fromDay))],
    ['to_ms', String(startOfDay(search.toDay + 1))],
    ...filters(search),
  ]);
  params.set('order', search.order);
  params.set('limit', String(limit));
  params.set('offset', String(search.offset));
  return params.toString();
}

/** What is wrong with a search before it is sent, as a message key; null when nothing is. */
export function searchProblem(search: RecordSearch): MessageKey | null {
  if (search.fromDay > search.toDay) {
    return msg('recordings.error_dates');
  }
  if (search.minTalkS !== null && search.maxTalkS !== null && search.minTalkS > search.maxTalkS) {
    return msg('recordings.error_talk');
  }
  return null;
}

/** A talk time typed as seconds ("90") or minutes and seconds ("1:30"), in any of the three
 *  languages' digits: seconds; null for an empty field; undefined when it is neither. */
export function parseTalkSeconds(text: string): number | null | undefined {
  const latin = latinDigits(text.trim());
  if (latin === '') {
    return null;
  }
  const match = /^(?:(\d{1,4}):)?(\d{1,5})$/.exec(latin);
  if (!match) {
    return undefined;
  }
  const minutes = match[1] === undefined ? 0 : Number(match[1]);
  const seconds = Number(match[2]);
  if (match[1] !== undefined && seconds > 59) {
    return undefined;
  }
  const total = minutes * 60 + seconds;
  return total <= 86_400 ? total : undefined;
}

/** A caller number typed in any digits, spaces and dashes dropped: what the API matches. */
export function normalizeCaller(text: string): string {
  return latinDigits(text).replace(/[\s\-()]/g, '');
}

/** "Calls 26-50 of 132": the first and last shown, counted from 1. */
export function pageRange(offset: number, shown: number, total: number): { first: number; last: number; total: number } {
  return shown === 0 ? { first: 0, last: 0, total } : { first: offset + 1, last: offset + shown, total };
}

/** The offset of the page before or after; null when there is none. */
export function pageOffset(offset: number, total: number, step: -1 | 1, size = kPageSize): number | null {
  const next = offset + step * size;
  if (step < 0) {
    return offset > 0 ? Math.max(0, next) : null;
  }
  return next < total ? next : null;
}

/** One agent's part of a call: those who passed the caller on, then who finished the call. */
export interface AgentLeg {
  agent: string;
  queue: string;
  talkMs: number;
  holdMs: number;
  /** Where they transferred the caller (the queue, and the colleague when they named one; or
   *  the number, out of the queues), when, and whether after a consult; null for the agent who
   *  finished the call. */
  transfer: { toQueue: string; toAgent: string | null; toNumber: string | null; attended: boolean; atMs: number } | null;
}

/** Each agent's talk and hold on a call. The record gives the transfers' own figures and the
 *  call's totals; the agent who finished the call had the rest. */
export function agentLegs(record: CallRecord): AgentLeg[] {
  const legs: AgentLeg[] = record.transfers.map((transfer) => ({
    agent: transfer.agent,
    queue: transfer.queue,
    talkMs: transfer.talk_ms,
    holdMs: transfer.hold_ms,
    // A server older than to_agent (to_number, attended) leaves it out: a blind transfer to the queue.
    transfer: {
      toQueue: transfer.to_queue,
      toAgent: transfer.to_agent ?? null,
      toNumber: transfer.to_number ?? null,
      attended: transfer.attended ?? false,
      atMs: transfer.at_ms,
    },
  }));
  if (record.agent !== null) {
    const sum = (pick: (leg: AgentLeg) => number) => legs.reduce((total, leg) => total + pick(leg), 0);
    legs.push({
      agent: record.agent,
      queue: record.queues[record.queues.length - 1] ?? '',
      talkMs: Math.max(0, record.talk_ms - sum((leg) => leg.talkMs)),
      holdMs: Math.max(0, record.hold_ms - sum((leg) => leg.holdMs)),
      transfer: null,
    });
  }
  return legs;
}

/** A call's submitted evaluations (a server older than the field says nothing: none). */
export function evaluationCount(record: Pick<CallRecord, 'evaluations'>): number {
  return record.evaluations ?? 0;
}
