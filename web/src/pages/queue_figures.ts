import type { QueueStats } from '../api/types';
import { formatDuration, formatInteger, formatPercent, formatSeconds } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { serviceLevelColour } from '../kpi/service_level';
import type { LiveState } from '../live/live_state';
import { elapsedSince } from '../live/live_state';

/** The longest wait now, running between updates from the oldest caller's join time. */
export function longestWaitMs(queue: QueueStats, state: LiveState, localNowMs: number): number {
  if (queue.waiting === 0) {
    return 0;
  }
  return queue.oldest_joined_at_ms === null
    ? queue.longest_wait_ms
    : elapsedSince(queue.oldest_joined_at_ms, state, localNowMs);
}

/** The figures the wallboard, the console's queue table and the desk show for a queue,
 *  formatted in the current language. */
export function queueFigures(queue: QueueStats, state: LiveState, localNowMs: number) {
  const language = currentLanguage();
  const today = queue.today;
  return {
    waiting: formatInteger(queue.waiting, language),
    longestWait: formatDuration(longestWaitMs(queue, state, localNowMs), language),
    serviceLevel: formatPercent(today.kpis.service_level, language),
    serviceLevelColour: serviceLevelColour(today.kpis.service_level, queue.sl_target),
    target: t('kpi.target', { target: formatPercent(queue.sl_target, language) }),
    answered: formatInteger(today.counters.answered, language),
    abandoned: formatInteger(today.counters.abandoned, language),
    asa: formatSeconds(today.kpis.asa_s, language),
    aht: formatSeconds(today.kpis.aht_s, language),
    agentsFree: formatInteger(queue.agents.available, language),
    agentsLoggedIn: formatInteger(queue.agents.logged_in, language),
  };
}
