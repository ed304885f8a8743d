import type { AppContext } from '../app_context';
import type { Agent, RequestableState } from '../api/types';
import { formatDuration, formatInteger, localizeDigits } from '../format/numbers';
import { currentLanguage, t } from '../i18n/i18n';
import { msg } from '../i18n/messages';
import { elapsedSince, sortedAgents, type LiveState } from '../live/live_state';
import { h, setData, setText } from '../ui/dom';
import { syncRows } from '../ui/keyed_rows';
import { agentStateLabel, agentStatusText, errorText, pauseReasonLabel } from '../ui/labels';

const kColumns = [
  msg('console.agent'),
  msg('console.state'),
  msg('console.time_in_state'),
  msg('console.current_call'),
  msg('console.calls_today'),
  msg('console.force_state'),
];

/** "paused:lunch" -> state and reason; the force-state select packs both in one value. */
function parseChoice(value: string): { state: RequestableState; reason?: string } {
  const [state, reason] = value.split(':') as [RequestableState, string | undefined];
  return reason ? { state, reason } : { state };
}

function stateChoices(pauseReasons: string[]): HTMLOptionElement[] {
  return [
    h('option', { value: 'available' }, agentStateLabel('available')),
    ...pauseReasons.map((reason) =>
      h('option', { value: `paused:${reason}` }, t('agent_state.paused_with_reason', { reason: pauseReasonLabel(reason) })),
    ),
    h('option', { value: 'not-ready' }, agentStateLabel('not-ready')),
    h('option', { value: 'logged-out' }, agentStateLabel('logged-out')),
  ];
}

/** The agents grid: state, time in state, current call, calls today, and force state. */
export function consoleAgents(context: AppContext) {
  const rows = h('tbody', { 'data-testid': 'agents-grid' });
  const element = h(
    'section',
    { class: 'panel console-agents' },
    h('h2', {}, t('console.agents')),
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        {},
        h('tr', {}, ...kColumns.map((key) => h('th', {}, t(key)))),
      ),
      rows,
    ),
  );

  const force = async (agent: Agent, select: HTMLSelectElement) => {
    const choice = parseChoice(select.value);
    try {
      if (agent.state === 'logged-out' && choice.state !== 'logged-out') {
        await context.api.loginAgent(agent.id, { state: choice.state, reason: choice.reason });
      } else {
        await context.api.setAgentState(agent.id, choice.state, choice.reason);
      }
    } catch (error) {
      context.notice.show(errorText(error));
    }
  };

  const createRow = (agent: Agent) => {
    const select = h('select', { 'aria-label': t('console.force_state'), 'data-testid': 'force-state' }, ...stateChoices(context.pauseReasons));
    const row = h(
      'tr',
      { 'data-agent': agent.id },
      h('td', {}, h('span', { class: 'agent-id' }, agent.id), ' ', h('span', { class: 'agent-name' }, agent.name)),
      h('td', {}, h('span', { class: 'state-badge' })),
      h('td', { class: 'num' }),
      h('td', {}),
      h('td', { class: 'num' }),
      h('td', { class: 'actions' }, select, h('button', { type: 'button', 'data-action': 'force', onclick: () => void force(current(row), select) }, t('console.apply'))),
    );
    return row;
  };
  // The row's agent as of the last update, for the button's handler.
  const latest = new Map<string, Agent>();
  const current = (row: HTMLElement) => latest.get(row.dataset.agent ?? '')!;

  const update = (state: LiveState, now: number) => {
    const language = currentLanguage();
    syncRows(rows, sortedAgents(state), (agent) => agent.id, createRow, (row, agent) => {
      latest.set(agent.id, agent);
      setData(row, 'state', agent.state);
      const cells = row.children;
      const badge = cells[1]!.firstElementChild as HTMLElement;
      setData(badge, 'state', agent.state);
      setText(badge, agentStatusText(agent.state, agent.reason));
      const inState = agent.state_changed_at_ms === null ? agent.in_state_ms : elapsedSince(agent.state_changed_at_ms, state, now);
      setText(cells[2]!, agent.state === 'logged-out' ? '' : formatDuration(inState, language));
      const call = agent.call ? state.calls.get(agent.call) : undefined;
      setText(cells[3]!, call ? localizeDigits(call.caller, language) : '');
      setText(cells[4]!, formatInteger(agent.today.calls_answered, language));
    });
  };
  return { element, update };
}
